// The header's right side: who is signed in and what they may do, or "Se connecter".

import { escapeHtml, h } from '../lib/dom.js';
import { postJson } from '../lib/graphql.js';
import { ROLE_LABELS } from '../lib/labels.js';
import { queueCount, reviews } from '../lib/review-queue.js';
import { domainLabel, isAdmin, session, signedIn, signInMode } from '../lib/session.js';
import { signInLink } from './sign-in-link.js';

/** "Référent des données : Finances, Ressources humaines", in words a person reads. */
export function describeRights(me) {
  if (me.roles.includes('ADMIN')) return 'Administrateur : tous les domaines';
  if (me.roles.includes('STEWARD') && me.stewardDomains.length)
    return `${ROLE_LABELS.STEWARD} : ${me.stewardDomains.map(domainLabel).join(', ')}`;
  if (me.roles.includes('INTEGRATOR')) return `${ROLE_LABELS.INTEGRATOR} (lecture seule)`;
  return 'Lecture seule';
}

export function renderHeader() {
  const box = document.getElementById('compte');
  const { me, expired } = session();
  const demo = signInMode() === 'demo' ? '<span class="demo-tag">Démo</span>' : '';
  if (!signedIn()) {
    box.replaceChildren(h(`${demo}${signInLink()}`));
  } else {
    box.replaceChildren(
      h(`${demo}
      <span class="who"><span class="name">${escapeHtml(me.name)}</span><span class="rights">${escapeHtml(describeRights(me))}</span></span>
      <a class="header-link" href="/notifications" data-nav="notifications">Mes notifications</a>
      <button type="button" class="header-button" id="deconnexion">Se déconnecter</button>`),
    );
    document.getElementById('deconnexion').addEventListener('click', () => void signOut());
  }
  document.querySelector('[data-nav="new"]')?.parentElement.toggleAttribute('hidden', !(isAdmin() || me.stewardDomains.length > 0));
  for (const nav of ['review', 'import'])
    document.querySelector(`[data-nav="${nav}"]`)?.parentElement.toggleAttribute('hidden', !reviews());
  void refreshInboxCount();
  if (expired) {
    document
      .getElementById('bandeau')
      .replaceChildren(
        h(
          `<div class="wrap"><p class="banner" role="alert">Votre session a expiré : vous consultez le dictionnaire sans être connecté. ${signInLink()}</p></div>`,
        ),
      );
  }
}

async function signOut() {
  const { redirect } = await postJson('/auth/logout');
  // the provider's end-session page, where it has one, then back here
  window.location.assign(redirect ?? '/');
}

/** The number of entries waiting in the person's review inbox, in the header; asked again after each decision. */
export async function refreshInboxCount() {
  if (!reviews()) return;
  const pill = document.getElementById('a-relire-nombre');
  try {
    const count = await queueCount();
    pill.replaceChildren(h(`${count.toLocaleString('fr-FR')}<span class="visually-hidden"> en attente</span>`));
    pill.classList.toggle('zero', count === 0);
  } catch {
    pill.textContent = ''; // the inbox itself says what went wrong
  }
}
