// Un système: its coverage, its codes and those without equivalent, the
// downloads, and for stewards the way to map a code.

import { escapeHtml, h, main, plural, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { RELATION_LABELS, SYSTEM_STATUS_LABELS } from '../lib/labels.js';
import { navigate } from '../lib/router.js';
import { isAdmin, session, signedIn } from '../lib/session.js';
import { conceptLink } from '../components/concepts.js';
import { exportLinks } from '../components/export-links.js';
import { legacyCodeHref, validity } from '../components/mappings-table.js';

const PAGE = 100;
const SYSTEM_QUERY = `query Systeme($code: String!, $first: Int!, $after: String) {
  system(code: $code) {
    code name kind status description owner { name }
    coverage { total exact close broad narrow related unmapped mappedShare }
    unmapped: mappings(first: 100, relation: UNMAPPED) { totalCount edges { node { localCode localLabel note } } }
    mappings(first: $first, after: $after) {
      totalCount pageInfo { hasNextPage endCursor }
      edges { node { localCode localLabel relation validFrom validTo concept { code prefLabel } } }
    }
  }
}`;

export async function renderSystem({ system: code }, params) {
  const after = params.get('apres');
  const { system: s } = await graphql(SYSTEM_QUERY, { code, first: PAGE, after });
  if (!s) {
    setTitle('Système introuvable');
    main().replaceChildren(
      h(`<h1>Système introuvable</h1><p>Aucun système n'a le code <span class="code">${escapeHtml(code)}</span>.</p>`),
    );
    return;
  }
  setTitle(s.name);
  const share = Math.round(s.coverage.mappedShare * 100);
  const steward = signedIn() && (isAdmin() || session().me.stewardDomains.length > 0);
  const mapped = s.mappings.edges.map((e) => e.node).filter((m) => m.relation !== 'UNMAPPED');
  main().replaceChildren(
    h(`<p><a href="/systems">← Systèmes d'information</a></p>
    <h1>${escapeHtml(s.name)}</h1>
    <p class="lead"><span class="code">${escapeHtml(s.code)}</span> · ${escapeHtml(s.owner.name)} · domaine ${escapeHtml(s.kind)} · ${escapeHtml(SYSTEM_STATUS_LABELS[s.status])}</p>
    ${s.description ? `<p>${escapeHtml(s.description)}</p>` : ''}
    <p><progress max="100" value="${share}" aria-hidden="true"></progress> ${share} % des codes ont un équivalent (${s.coverage.total - s.coverage.unmapped} sur ${s.coverage.total}) :
      ${['exact', 'close', 'broad', 'narrow', 'related']
        .filter((k) => s.coverage[k])
        .map((k) => `${s.coverage[k]} « ${RELATION_LABELS[k.toUpperCase()].toLowerCase()} »`)
        .join(', ')}.</p>
    ${
      steward
        ? `<form class="card steward inline-form" id="mapper" novalidate>
            <h2 class="card-title">Mettre un code en correspondance</h2>
            <div class="field"><label for="code-local">Code local du système</label>
              <input id="code-local" name="code" type="text" autocomplete="off" spellcheck="false" required aria-required="true" /></div>
            <button type="submit" class="button">Ouvrir le code</button>
          </form>`
        : ''
    }
    <h2 id="sans-equivalent">Codes sans équivalent</h2>
    ${
      s.unmapped.totalCount
        ? `<p>${plural(s.unmapped.totalCount, 'code connu n’a', 'codes connus n’ont')} pas d’équivalent dans le dictionnaire${steward ? ' : ouvrez-en un pour le mettre en correspondance' : ''}.</p>
           <ul class="code-list">${s.unmapped.edges
             .map(
               ({ node: m }) =>
                 `<li><a class="code" href="${legacyCodeHref(s.code, m.localCode)}">${escapeHtml(m.localCode)}</a> ${escapeHtml(m.localLabel ?? '')}</li>`,
             )
             .join('')}</ul>`
        : '<p>Tous les codes connus de ce système ont un équivalent.</p>'
    }
    <h2 id="codes">Codes et concepts</h2>
    ${mappedTable(s, mapped)}
    ${s.mappings.pageInfo.hasNextPage ? `<p><a href="/system/${encodeURIComponent(s.code)}?apres=${encodeURIComponent(s.mappings.pageInfo.endCursor)}">Codes suivants</a></p>` : ''}
    ${exportLinks(
      'Télécharger les correspondances',
      [
        { label: 'SSSOM (TSV)', href: `/export/mappings/${encodeURIComponent(s.code)}.sssom.tsv` },
        { label: 'Tableur (CSV)', href: `/export/mappings/${encodeURIComponent(s.code)}.csv` },
      ],
      steward ? 'Les brouillons de vos domaines sont inclus.' : 'Les correspondances publiées.',
    )}`),
  );
  document.getElementById('mapper')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const local = event.target.elements.code.value.trim();
    if (local) void navigate(legacyCodeHref(s.code, local));
  });
}

function mappedTable(s, mappings) {
  if (!mappings.length) return '<p>Aucun code de ce système n’a encore d’équivalent.</p>';
  return `<div class="table-wrap"><table>
    <caption>Codes de ${escapeHtml(s.name)} et leurs concepts (${plural(s.mappings.totalCount, 'correspondance publiée', 'correspondances publiées')})</caption>
    <thead><tr><th scope="col">Code local</th><th scope="col">Libellé local</th><th scope="col">Relation</th><th scope="col">Concept</th><th scope="col">Validité</th></tr></thead>
    <tbody>${mappings
      .map(
        (m) => `<tr><td><a class="code" href="${legacyCodeHref(s.code, m.localCode)}">${escapeHtml(m.localCode)}</a></td>
          <td>${escapeHtml(m.localLabel ?? '')}</td><td>${escapeHtml(RELATION_LABELS[m.relation])}</td>
          <td>${m.concept ? conceptLink(m.concept) : '—'}</td><td>${escapeHtml(validity(m))}</td></tr>`,
      )
      .join('')}</tbody></table></div>`;
}
