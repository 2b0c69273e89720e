// Mes notifications: what became of the entries the person wrote, approved
// or sent back, with the reviewer's reason.

import { escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { signedIn } from '../lib/session.js';
import { formatDateTime, machineTime } from '../lib/time.js';
import { legacyCodeHref } from '../components/mappings-table.js';
import { signInLink } from '../components/sign-in-link.js';

const NOTIFICATIONS = `query Notifications { myNotifications(first: 50) { at entity key label decision reason by } }`;

const DECISIONS = {
  APPROVED: { text: 'approuvé et publié', css: 'ok' },
  REJECTED: { text: 'renvoyé en brouillon', css: 'bad' },
  REVISION_APPROVED: { text: 'modification approuvée', css: 'ok' },
  REVISION_REJECTED: { text: 'modification refusée', css: 'bad' },
};

export async function renderNotifications() {
  setTitle('Mes notifications');
  if (!signedIn()) {
    main().replaceChildren(
      h(`<h1>Mes notifications</h1><p>Connectez-vous pour voir ce que sont devenues vos propositions.</p>${signInLink('button')}`),
    );
    return;
  }
  const { myNotifications: items } = await graphql(NOTIFICATIONS);
  main().replaceChildren(
    h(`<h1>Mes notifications</h1>
    <p class="lead">Les décisions des autres référents sur les fiches et correspondances que vous avez écrites, de la plus récente à la plus ancienne.</p>
    ${items.length ? `<ul class="notifications">${items.map(itemHtml).join('')}</ul>` : '<p>Aucune décision sur vos propositions pour le moment.</p>'}`),
  );
}

function itemHtml(n) {
  const decision = DECISIONS[n.decision];
  const href = n.entity === 'MAPPING' ? legacyCodeHref(...splitMappingKey(n.key)) : `/concept/${encodeURIComponent(n.key)}`;
  const what =
    n.entity === 'MAPPING'
      ? `La correspondance <a href="${href}">${escapeHtml(n.key)}</a>`
      : `<a href="${href}">${escapeHtml(n.label ?? n.key)}</a> <span class="code">${escapeHtml(n.key)}</span>`;
  return `<li class="notification ${decision.css}">
    <p>${what} : <strong>${escapeHtml(decision.text)}</strong> par ${escapeHtml(n.by)}, le <time datetime="${machineTime(n.at)}">${escapeHtml(formatDateTime(n.at))}</time>.</p>
    ${n.reason ? `<p class="reason">Motif : « ${escapeHtml(n.reason)} »</p>` : ''}
  </li>`;
}

function splitMappingKey(key) {
  const slash = key.indexOf('/');
  return [key.slice(0, slash), key.slice(slash + 1)];
}
