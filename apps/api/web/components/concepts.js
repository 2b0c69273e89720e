// Small pieces shown wherever concepts appear.

import { escapeHtml } from '../lib/dom.js';
import { STATUS_LABELS } from '../lib/labels.js';

export function statusBadge(status) {
  return `<span class="badge ${escapeHtml(status)}">${escapeHtml(STATUS_LABELS[status] ?? status)}</span>`;
}

export function conceptLink(concept) {
  return `<a href="/concept/${encodeURIComponent(concept.code)}">${escapeHtml(concept.prefLabel ?? concept.code)}</a>`;
}
