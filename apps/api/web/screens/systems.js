// Systèmes d'information: every system, its owner and how far its codes are mapped.

import { escapeHtml, h, main, plural, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { SYSTEM_STATUS_LABELS } from '../lib/labels.js';

const SYSTEMS_QUERY = `query Systemes { systems { code name kind status owner { code name } coverage { total unmapped mappedShare } } }`;

export async function renderSystems() {
  setTitle("Systèmes d'information");
  const { systems } = await graphql(SYSTEMS_QUERY, {});
  const retired = systems.filter((s) => s.status !== 'ACTIVE').length;
  const total = systems.reduce((sum, s) => sum + s.coverage.total, 0);
  const mapped = systems.reduce((sum, s) => sum + s.coverage.total - s.coverage.unmapped, 0);
  main().replaceChildren(
    h(`
    <h1>Systèmes d'information</h1>
    <p class="lead">Avancement de la mutualisation : ${plural(retired, 'système retiré ou en cours de retrait', 'systèmes retirés ou en cours de retrait')} sur ${systems.length} ; ${mapped.toLocaleString('fr-FR')} codes locaux sur ${total.toLocaleString('fr-FR')} ont un équivalent dans le dictionnaire.</p>
    <div class="table-wrap"><table>
      <caption>Systèmes, propriétaires et couverture des codes</caption>
      <thead><tr><th scope="col">Système</th><th scope="col">Propriétaire</th><th scope="col">Domaine</th><th scope="col">État</th><th scope="col">Codes mis en correspondance</th></tr></thead>
      <tbody>${systems
        .map((s) => {
          const share = Math.round(s.coverage.mappedShare * 100);
          return `<tr>
            <td><a href="/system/${encodeURIComponent(s.code)}">${escapeHtml(s.name)}</a><br /><span class="code">${escapeHtml(s.code)}</span></td>
            <td>${escapeHtml(s.owner.name)}</td>
            <td>${escapeHtml(s.kind)}</td>
            <td>${escapeHtml(SYSTEM_STATUS_LABELS[s.status])}</td>
            <td><progress max="100" value="${share}" aria-hidden="true"></progress> ${share} % (${s.coverage.total - s.coverage.unmapped} sur ${s.coverage.total})</td>
          </tr>`;
        })
        .join('')}</tbody>
    </table></div>`),
  );
}
