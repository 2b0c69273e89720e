// Page addresses and history: links inside the page load their screen without
// reloading, the focus moves to the new heading so that screen readers read it.

import { h, main, escapeHtml, setTitle } from './dom.js';
import { errorHtml } from './messages.js';
import { signInLink } from '../components/sign-in-link.js';

const routes = [];

/** Registers a screen for an address pattern such as /concept/:code. */
export function route(pattern, render, nav) {
  const names = [];
  const regex = new RegExp(
    '^' +
      pattern.replace(/\/:([a-zA-Z]+)(\*)?/g, (_, name, rest) => {
        names.push(name);
        return rest ? '/(.+)' : '/([^/]+)';
      }) +
      '$',
  );
  routes.push({ regex, names, render, nav });
}

async function show() {
  const path = window.location.pathname;
  const query = new URLSearchParams(window.location.search);
  document.querySelectorAll('[data-nav]').forEach((link) => link.removeAttribute('aria-current'));
  for (const { regex, names, render, nav } of routes) {
    const match = regex.exec(path);
    if (!match) continue;
    if (nav) document.querySelector(`[data-nav="${nav}"]`)?.setAttribute('aria-current', 'page');
    const params = Object.fromEntries(names.map((name, i) => [name, decodeURIComponent(match[i + 1])]));
    try {
      await render(params, query);
    } catch (error) {
      showError(error);
    }
    return;
  }
  setTitle('Page introuvable');
  main().replaceChildren(h(`<h1>Page introuvable</h1><p><a href="/">Retour à la recherche</a></p>`));
}

export function showError(error) {
  if (error?.name === 'AbortError') return;
  setTitle('Erreur');
  if (error?.code === 'UNAUTHENTICATED') {
    main().replaceChildren(
      h(`<h1>Connexion nécessaire</h1><p>${escapeHtml('Connectez-vous pour consulter le dictionnaire.')}</p>${signInLink('button')}`),
    );
    return;
  }
  main().replaceChildren(
    h(`<h1>Une erreur est survenue</h1><p class="error" role="alert">${errorHtml(error)}</p><p><a href="/">Retour à la recherche</a></p>`),
  );
}

export function navigate(url, { replace = false } = {}) {
  if (replace) window.history.replaceState(null, '', url);
  else window.history.pushState(null, '', url);
  return show().then(focusHeading);
}

/** Shows the current address again (after a save, to read the entry as the API now has it). */
export const refresh = () => show().then(focusHeading);

function focusHeading() {
  const heading = main().querySelector('h1');
  if (heading) {
    heading.setAttribute('tabindex', '-1');
    heading.focus();
  }
}

export function startRouter() {
  document.addEventListener('click', (event) => {
    const link = event.target.closest('a[href^="/"]');
    if (!link || link.hasAttribute('download') || link.dataset.reload !== undefined) return;
    const href = link.getAttribute('href');
    // the API, downloads and sign-in are served by the server itself
    if (/^\/(graphql|export|auth)(\/|$|\?)/.test(href) || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;
    event.preventDefault();
    void navigate(href);
  });
  window.addEventListener('popstate', () => void show());
  return show();
}
