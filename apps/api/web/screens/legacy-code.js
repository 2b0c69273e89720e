// Code d'un ancien système: what a legacy code means and the same concept in other systems.

import { copyButton, escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { RELATION_LABELS, SYSTEM_STATUS_LABELS } from '../lib/labels.js';
import { conceptLink, statusBadge } from '../components/concepts.js';
import { mappingsTable } from '../components/mappings-table.js';
import { mappingEditor } from './mapping-form.js';

const LEGACY_QUERY = `query CodeLocal($system: String!, $code: String!) {
  system(code: $system) { code name kind owner { name } status }
  translate(system: $system, code: $code) {
    found localLabel relation deprecated
    concept { code prefLabel status domain { code } }
    current { code prefLabel definition mappings { localCode localLabel relation validFrom validTo note system { code name owner { name } } } }
    mapping { id localCode localLabel relation validFrom validTo note version status concept { code prefLabel domain { code } } }
  }
}`;

export async function renderLegacyCode({ system: systemCode, code }) {
  const data = await graphql(LEGACY_QUERY, { system: systemCode, code });
  const t = data.translate;
  const s = data.system;
  if (!s) {
    setTitle('Système introuvable');
    main().replaceChildren(
      h(`<h1>Système introuvable</h1><p>Aucun système n'a le code <span class="code">${escapeHtml(systemCode)}</span>.</p>`),
    );
    return;
  }
  setTitle(`${code} (${s.code})`);
  let body;
  if (!t.found) body = `<p>Le code <span class="code">${escapeHtml(code)}</span> n'est pas connu pour ce système.</p>`;
  else if (t.relation === 'UNMAPPED')
    body = `<p>Ce code est connu mais n'a <strong>pas d'équivalent</strong> dans le dictionnaire partagé.</p>${t.mapping?.note ? `<p class="notice">${escapeHtml(t.mapping.note)}</p>` : ''}`;
  else {
    const others = t.current ? t.current.mappings.filter((m) => m.system.code !== s.code) : [];
    body = `
      <dl class="facts">
        <dt>Libellé local</dt><dd>${escapeHtml(t.localLabel ?? '')}</dd>
        <dt>Correspond à</dt><dd>${t.concept ? conceptLink(t.concept) + ' ' + statusBadge(t.concept.status) : '—'} (${escapeHtml(RELATION_LABELS[t.relation])})</dd>
        ${t.deprecated && t.current ? `<dt>Terme actuel</dt><dd>${conceptLink(t.current)}</dd>` : ''}
        ${t.mapping?.note ? `<dt>Note</dt><dd>${escapeHtml(t.mapping.note)}</dd>` : ''}
      </dl>
      ${t.current?.definition ? `<p>${escapeHtml(t.current.definition)}</p>` : ''}
      <h2>Le même concept dans les autres systèmes</h2>
      ${mappingsTable(others, 'Codes des autres systèmes pour le même concept')}`;
  }
  main().replaceChildren(
    h(`<p><a href="/system/${encodeURIComponent(s.code)}">← ${escapeHtml(s.name)}</a></p>
    <h1>Code <span class="code">${escapeHtml(code)}</span>${copyButton(code, 'le code ' + code)} de ${escapeHtml(s.name)}</h1>
    <p class="lead">${escapeHtml(s.code)} · ${escapeHtml(s.owner.name)} · ${escapeHtml(SYSTEM_STATUS_LABELS[s.status])}</p>
    ${body}
    <div id="correspondance"></div>`),
  );
  mappingEditor(document.getElementById('correspondance'), { system: s, localCode: code, mapping: t.found ? t.mapping : null });
}
