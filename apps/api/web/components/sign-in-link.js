// "Se connecter": through the organisation's provider, or the demo's page.

import { escapeHtml } from '../lib/dom.js';
import { signInMode } from '../lib/session.js';

function signInHref() {
  const here = window.location.pathname + window.location.search;
  if (signInMode() === 'provider') return `/auth/login?returnTo=${encodeURIComponent(here)}`;
  if (signInMode() === 'demo') return `/connexion?retour=${encodeURIComponent(here)}`;
  return null;
}

/** The sign-in link, or nothing where no sign-in is configured. */
export function signInLink(style = 'link') {
  const href = signInHref();
  if (!href) return '';
  return `<a class="${style === 'button' ? 'button' : 'header-link'}" href="${escapeHtml(href)}"${signInMode() === 'provider' ? ' data-reload' : ''}>Se connecter</a>`;
}
