// The codes of legacy systems for a concept, as a table.

import { copyButton, escapeHtml } from '../lib/dom.js';
import { RELATION_LABELS } from '../lib/labels.js';
import { formatDate } from '../lib/time.js';

export function validity(m) {
  return m.validFrom || m.validTo
    ? `${m.validFrom ? 'du ' + formatDate(m.validFrom) : ''} ${m.validTo ? "jusqu'au " + formatDate(m.validTo) + ' (exclu)' : ''}`.trim()
    : 'permanente';
}

export function legacyCodeHref(system, localCode) {
  return `/system/${encodeURIComponent(system)}/code/${encodeURIComponent(localCode)}`;
}

export function mappingsTable(mappings, caption) {
  if (!mappings.length) return '<p>Aucun système ne correspond encore à ce concept.</p>';
  return `<div class="table-wrap"><table>
    <caption>${escapeHtml(caption)}</caption>
    <thead><tr><th scope="col">Système</th><th scope="col">Code local</th><th scope="col">Libellé local</th><th scope="col">Relation</th><th scope="col">Validité</th></tr></thead>
    <tbody>${mappings
      .map(
        (m) => `<tr>
        <td>${escapeHtml(m.system.name)} <span class="code">${escapeHtml(m.system.code)}</span></td>
        <td><a class="code" href="${legacyCodeHref(m.system.code, m.localCode)}">${escapeHtml(m.localCode)}</a>${copyButton(m.localCode, `le code ${m.localCode} de ${m.system.code}`)}</td>
        <td>${escapeHtml(m.localLabel ?? '')}${m.note ? `<br /><span class="count">${escapeHtml(m.note)}</span>` : ''}</td>
        <td>${escapeHtml(RELATION_LABELS[m.relation] ?? m.relation)}</td>
        <td>${escapeHtml(validity(m))}</td>
      </tr>`,
      )
      .join('')}</tbody></table></div>`;
}
