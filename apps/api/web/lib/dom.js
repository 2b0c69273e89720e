// DOM helpers shared by every screen: escaping, building nodes from HTML text,
// announcing to screen readers, page titles.

export const main = () => document.getElementById('contenu');

export function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * Highlights come from the server HTML-escaped with <mark> around matches.
 * They are decoded and escaped again here so that only <mark> can ever reach the page.
 */
export function safeHighlight(html) {
  const text = String(html ?? '')
    .replace(/<mark>/g, '\u0001')
    .replace(/<\/mark>/g, '\u0002')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, entity) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]);
  return escapeHtml(text)
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}

/** A document fragment from HTML text whose variable parts were escaped by the caller. */
export function h(html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content;
}

export function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // a fresh text node makes screen readers speak even when the text repeats
  window.setTimeout(() => (announcer.textContent = message), 30);
}

export function setTitle(title) {
  document.title = title ? `${title} — Lexique` : 'Lexique — Bordeaux Métropole';
}

export function plural(count, one, many) {
  return `${count.toLocaleString('fr-FR')} ${count === 1 ? one : many}`;
}

export function copyButton(value, label) {
  return `<button type="button" class="copy" data-copy="${escapeHtml(value)}" aria-label="Copier ${escapeHtml(label)}">Copier</button>`;
}
