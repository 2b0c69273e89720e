// Fiche: one concept at its permanent address, with its codes in every system;
// for its domain's stewards, the ways to change it.

import { announce, copyButton, escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { errorHtml } from '../lib/messages.js';
import { refresh } from '../lib/router.js';
import { mayWrite } from '../lib/session.js';
import { formatDate, formatDateTime } from '../lib/time.js';
import { conceptLink, statusBadge } from '../components/concepts.js';
import { refreshInboxCount } from '../components/header.js';
import { mappingsTable } from '../components/mappings-table.js';

const CONCEPT_QUERY = `query Fiche($code: String!) {
  concept(code: $code) {
    code status prefLabel en: prefLabel(lang: "en") altLabels acronyms definition scopeNote source version updatedAt
    domain { code label maintainers { name lastChangeAt } }
    broader { code prefLabel } narrower { code prefLabel } related { code prefLabel }
    replacedBy { code prefLabel }
    mappings { localCode localLabel relation validFrom validTo note system { code name owner { name } } }
    pendingRevision { author updatedAt changes { field } }
  }
}`;

const SUBMIT = `mutation Soumettre($code: String!, $version: Int!) { submitConcept(code: $code, version: $version) { status version } }`;

export async function renderConcept({ code }) {
  const { concept: c } = await graphql(CONCEPT_QUERY, { code });
  if (!c) {
    setTitle('Fiche introuvable');
    main().replaceChildren(
      h(
        `<h1>Fiche introuvable</h1><p>Aucun concept publié n'a le code <span class="code">${escapeHtml(code)}</span>.</p><p><a href="/">Retour à la recherche</a></p>`,
      ),
    );
    return;
  }
  setTitle(c.prefLabel);
  const links = (concepts) =>
    concepts.length ? `<ul class="inline-list">${concepts.map((x) => `<li>${conceptLink(x)}</li>`).join('')}</ul>` : '—';
  const facts = [
    ['Code', `<span class="code">${escapeHtml(c.code)}</span>${copyButton(c.code, 'le code ' + c.code)}`],
    [
      'Domaine',
      `<a href="/domaine/${encodeURIComponent(c.domain.code)}">${escapeHtml(c.domain.label)}</a> <span class="code">${escapeHtml(c.domain.code)}</span>`,
    ],
    ['Statut', statusBadge(c.status)],
    c.altLabels.length && ['Synonymes', escapeHtml(c.altLabels.join(' · '))],
    c.acronyms.length && ['Sigles', escapeHtml(c.acronyms.join(' · '))],
    c.en && ['En anglais', `<span lang="en">${escapeHtml(c.en)}</span>`],
    c.source && ['Source', escapeHtml(c.source)],
    ['Termes génériques', links(c.broader)],
    ['Termes spécifiques', links(c.narrower)],
    ['Voir aussi', links(c.related)],
    [
      'Dernière modification',
      `${escapeHtml(formatDate(c.updatedAt))} (version ${c.version}) · <a href="/concept/${encodeURIComponent(c.code)}/historique">Historique</a>`,
    ],
  ].filter(Boolean);
  main().replaceChildren(
    h(`
    <p><a href="/">← Recherche</a></p>
    <h1>${escapeHtml(c.prefLabel)}</h1>
    ${mayWrite(c.domain.code) ? stewardPanel(c) : ''}
    ${c.status === 'DEPRECATED' ? `<div class="card warning" role="note"><strong>Terme obsolète.</strong> ${c.replacedBy ? `Utiliser désormais ${conceptLink(c.replacedBy)}.` : ''}</div>` : ''}
    ${c.definition ? `<p>${escapeHtml(c.definition)}</p>` : ''}
    ${c.scopeNote ? `<p class="notice"><strong>Note d'application :</strong> ${escapeHtml(c.scopeNote)}</p>` : ''}
    <dl class="facts">${facts.map(([term, value]) => `<dt>${term}</dt><dd>${value}</dd>`).join('')}</dl>
    <h2 id="codes">Codes dans les systèmes d'information</h2>
    ${mappingsTable(c.mappings, 'Codes des systèmes qui correspondent à ce concept')}
    <h2 id="referents">Qui tient ce domaine</h2>
    ${
      c.domain.maintainers.length
        ? `<ul class="inline-list">${c.domain.maintainers.map((m) => `<li>${escapeHtml(m.name)} <span class="count">(dernière contribution le ${escapeHtml(formatDate(m.lastChangeAt))})</span></li>`).join('')}</ul>`
        : `<p>Aucun référent n'a encore modifié le domaine ${escapeHtml(c.domain.label)} depuis son chargement.</p>`
    }`),
  );
  document.getElementById('soumettre')?.addEventListener('click', () => void submit(c));
}

/** What a steward of the domain may do with this entry now. */
function stewardPanel(c) {
  const edit = `<a class="button" href="/concept/${encodeURIComponent(c.code)}/modifier">Modifier</a>`;
  const submit = c.status === 'DRAFT' ? `<button type="button" class="button secondary" id="soumettre">Envoyer en relecture</button>` : '';
  const state = {
    DRAFT: 'Brouillon : visible seulement des référents du domaine. Envoyez-le en relecture quand il est prêt.',
    IN_REVIEW: 'En relecture : un autre référent du domaine doit l’approuver avant publication.',
    PUBLISHED: 'Publié. Une modification devra être approuvée par un autre référent avant d’être visible de tous.',
    DEPRECATED: 'Obsolète.',
  }[c.status];
  const pending = c.pendingRevision
    ? `<p><strong>Modification en attente d’approbation</strong>, proposée par ${escapeHtml(c.pendingRevision.author.replace(/^user:/, ''))} le ${escapeHtml(formatDateTime(c.pendingRevision.updatedAt))} (${c.pendingRevision.changes.length} champ${c.pendingRevision.changes.length > 1 ? 's' : ''}). Les lecteurs voient la version publiée.</p>`
    : '';
  return `<section class="card steward" aria-labelledby="espace-referent">
    <h2 id="espace-referent" class="card-title">Espace référent</h2>
    <p>${escapeHtml(state)}</p>${pending}
    <div class="actions">${c.status === 'DEPRECATED' ? '' : edit}${submit}</div>
    <p id="resultat-action" role="status"></p>
  </section>`;
}

async function submit(c) {
  const status = document.getElementById('resultat-action');
  try {
    await graphql(SUBMIT, { code: c.code, version: c.version });
    announce('Envoyé en relecture');
    void refreshInboxCount();
    await refresh();
    document.getElementById('resultat-action').textContent = 'Envoyé en relecture : un autre référent du domaine va le relire.';
  } catch (error) {
    status.className = 'error';
    status.innerHTML = errorHtml(error);
  }
}
