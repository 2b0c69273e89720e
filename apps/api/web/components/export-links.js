// Download buttons for the export routes: the browser sends the session
// cookie, so stewards get their domains' drafts too.

import { escapeHtml } from '../lib/dom.js';

export function exportLinks(title, files, note) {
  return `<section class="exports" aria-labelledby="titre-export">
    <h2 id="titre-export">${escapeHtml(title)}</h2>
    <p class="count">${escapeHtml(note)}</p>
    <ul class="inline-list">${files
      .map((f) => `<li><a class="button secondary" href="${escapeHtml(f.href)}" download>${escapeHtml(f.label)}</a></li>`)
      .join('')}</ul>
  </section>`;
}
