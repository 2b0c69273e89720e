// What a reviewer reads: the entry as readers see it now and as proposed,
// side by side and field by field, the words that changed marked.

import { escapeHtml } from '../lib/dom.js';
import { RELATION_LABELS, STATUS_LABELS } from '../lib/labels.js';
import { FIELD_LABELS } from '../lib/messages.js';
import { formatDate } from '../lib/time.js';
import { wordDiff } from '../lib/word-diff.js';

const ENGLISH = /\.en$/;

/** A field's value as words, or '' when it has none. */
function valueText(field, value) {
  if (value === null || value === undefined) return '';
  if (Array.isArray(value)) return value.join(', ');
  if (typeof value === 'object') return JSON.stringify(value);
  if (field === 'status') return STATUS_LABELS[value] ?? String(value);
  if (field === 'relation') return RELATION_LABELS[value] ?? String(value);
  if ((field === 'validFrom' || field === 'validTo') && /^\d{4}-\d{2}-\d{2}$/.test(value)) return formatDate(value);
  return String(value);
}

const EMPTY = '<span class="empty">(vide)</span>';
const marked = (tag, text, said) =>
  `<${tag}><span class="visually-hidden">[${said} : </span>${escapeHtml(text)}<span class="visually-hidden">]</span></${tag}>`;

/** Both sides of one field: removals marked in the current text, additions in the proposed one. */
function sides(field, before, after) {
  const old = valueText(field, before);
  const proposed = valueText(field, after);
  if (!old && !proposed) return [EMPTY, EMPTY];
  if (!old) return [EMPTY, marked('ins', proposed, 'ajouté')];
  if (!proposed) return [marked('del', old, 'retiré'), EMPTY];
  const parts = wordDiff(old, proposed);
  const side = (skip, tag, said) =>
    parts
      .filter((p) => p.type !== skip)
      .map((p) => (p.type === 'same' ? escapeHtml(p.text) : marked(tag, p.text, said)))
      .join('');
  return [side('added', 'del', 'retiré'), side('removed', 'ins', 'ajouté')];
}

/** Fields in the order the form shows them. */
const ORDER = Object.keys(FIELD_LABELS);
const inFormOrder = (changes) =>
  [...changes].sort((a, b) => (ORDER.indexOf(a.field) + 1 || ORDER.length + 1) - (ORDER.indexOf(b.field) + 1 || ORDER.length + 1));

const label = (field) => escapeHtml(FIELD_LABELS[field] ?? field);
const lang = (field) => (ENGLISH.test(field) ? ' lang="en"' : '');

/** The changed fields of a revision: current on the left, proposed on the right. */
export function revisionTable(changes, caption) {
  return `<div class="table-wrap"><table class="comparison">
    <caption>${escapeHtml(caption)}</caption>
    <thead><tr><th scope="col">Champ</th><th scope="col">Aujourd’hui</th><th scope="col">Proposé</th></tr></thead>
    <tbody>${inFormOrder(changes)
      .map((c) => {
        const [before, after] = sides(c.field, c.before, c.after);
        return `<tr><th scope="row">${label(c.field)}</th><td${lang(c.field)}>${before}</td><td${lang(c.field)}>${after}</td></tr>`;
      })
      .join('')}</tbody>
  </table></div>`;
}

/** A new entry as proposed, field by field (its empty fields left out). */
export function proposedEntry(changes) {
  const filled = inFormOrder(changes).filter((c) => valueText(c.field, c.after) !== '');
  return `<dl class="facts proposed">${filled
    .map((c) => `<dt>${label(c.field)}</dt><dd${lang(c.field)}>${escapeHtml(valueText(c.field, c.after))}</dd>`)
    .join('')}</dl>`;
}
