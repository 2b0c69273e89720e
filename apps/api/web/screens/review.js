// Relire: one entry waiting for a second person. The entry as readers see it
// now and as proposed, side by side; for a new concept, the concepts of the
// dictionary that look like it; then approve, or reject with a reason.

import { announce, escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { REVIEW_KIND_LABELS } from '../lib/labels.js';
import { navigate, refresh } from '../lib/router.js';
import { authorName, findQueued, isConceptItem, reviews, setFlash } from '../lib/review-queue.js';
import { decisionErrorHtml } from '../lib/messages.js';
import { domainLabel, session } from '../lib/session.js';
import { formatDateTime, machineTime, waitingFor } from '../lib/time.js';
import { statusBadge } from '../components/concepts.js';
import { proposedEntry, revisionTable } from '../components/entry-comparison.js';
import { clearErrors, field, formSummary, showFormError } from '../components/form.js';
import { refreshInboxCount } from '../components/header.js';
import { legacyCodeHref } from '../components/mappings-table.js';
import { signInLink } from '../components/sign-in-link.js';

const AUTHOR_NAMES = `query Auteur($key: String!, $entity: ChangeEntity) { history(key: $key, entity: $entity) { principal principalName } }`;
const LOOK_ALIKE_FIELDS = `hits { concept { code prefLabel status definition domain { code label } } }`;
const LOOK_ALIKES = `query Ressemblants($label: String!, $shorter: String!) {
  label: search(query: $label, filter: { statuses: [PUBLISHED, IN_REVIEW, DRAFT] }, first: 6) { ${LOOK_ALIKE_FIELDS} }
  shorter: search(query: $shorter, filter: { statuses: [PUBLISHED, IN_REVIEW, DRAFT] }, first: 6) { ${LOOK_ALIKE_FIELDS} }
}`;
const DECISIONS = {
  concept: {
    approve: `mutation Approuver($code: String!, $version: Int!, $reason: String) { approveConcept(code: $code, version: $version, reason: $reason) { code } }`,
    reject: `mutation Refuser($code: String!, $version: Int!, $reason: String!) { rejectConcept(code: $code, version: $version, reason: $reason) { code } }`,
  },
  mapping: {
    approve: `mutation ApprouverCorrespondance($system: String!, $code: String!, $version: Int!, $id: ID, $reason: String) {
      approveMapping(system: $system, localCode: $code, version: $version, id: $id, reason: $reason) { id }
    }`,
    reject: `mutation RefuserCorrespondance($system: String!, $code: String!, $version: Int!, $id: ID, $reason: String!) {
      rejectMapping(system: $system, localCode: $code, version: $version, id: $id, reason: $reason) { id }
    }`,
  },
};

/** Fields the screen's first lines already say. */
const SAID_ABOVE = new Set(['code', 'domain', 'status']);

export async function renderConceptReview({ code }) {
  if (!reviews()) return notForYou();
  return renderReview(await findQueued(['NEW_CONCEPT', 'CONCEPT_REVISION'], code), `la fiche ${code}`);
}

export async function renderMappingReview({ system, code }) {
  if (!reviews()) return notForYou();
  return renderReview(await findQueued(['NEW_MAPPING', 'MAPPING_REVISION'], `${system}/${code}`), `la correspondance ${system} / ${code}`);
}

function notForYou() {
  setTitle('Relecture');
  main().replaceChildren(
    h(`<h1>Relecture</h1><p>La relecture est réservée aux référents des domaines et aux administrateurs.</p>${signInLink('button')}`),
  );
}

/** What the item is, in a heading. */
function title(item) {
  if (isConceptItem(item)) return `« ${item.concept?.prefLabel ?? item.key} »`;
  return `la correspondance du code ${item.mapping.localCode} (${item.mapping.system.name})`;
}

async function renderReview(item, what) {
  if (!item) {
    setTitle('Plus rien à relire');
    main().replaceChildren(
      h(`<p><a href="/a-relire">← À relire</a></p><h1>Plus rien à relire ici</h1>
      <p>${escapeHtml(what)} n’attend plus de décision dans vos domaines : elle a peut-être déjà été approuvée ou refusée.</p>`),
    );
    return;
  }
  const concept = isConceptItem(item);
  const revision = item.kind === 'CONCEPT_REVISION' || item.kind === 'MAPPING_REVISION';
  const [author, lookAlikes] = await Promise.all([authorOf(item), item.kind === 'NEW_CONCEPT' ? likelyDuplicates(item) : null]);
  setTitle(`Relire ${title(item)}`);
  const entryHref = concept ? `/concept/${encodeURIComponent(item.key)}` : legacyCodeHref(item.mapping.system.code, item.mapping.localCode);
  main().replaceChildren(
    h(`<p><a href="/a-relire">← À relire</a></p>
    <h1>Relire ${escapeHtml(title(item))}</h1>
    <p class="lead">${escapeHtml(REVIEW_KIND_LABELS[item.kind])}${item.domain ? ` · ${escapeHtml(domainLabel(item.domain))}` : ''}
      · <span class="code">${escapeHtml(item.key)}</span> · ${statusBadge(concept ? item.concept.status : item.mapping.status)}</p>
    <p>Proposé par <strong>${escapeHtml(author)}</strong>, le <time datetime="${machineTime(item.since)}">${escapeHtml(formatDateTime(item.since))}</time>
      (en attente ${escapeHtml(waitingFor(item.since))}).</p>
    ${item.reason ? `<p class="author-reason">Motif de l’auteur : « ${escapeHtml(item.reason)} »</p>` : '<p class="count">L’auteur n’a pas donné de motif.</p>'}
    ${
      revision
        ? `${revisionTable(item.changes, 'Ce qui change, champ par champ : les mots retirés sont barrés, les mots ajoutés soulignés')}
           <p class="count">Les autres champs ne changent pas. <a href="${entryHref}">Voir la version publiée</a></p>`
        : `<h2>${concept ? 'Le concept proposé' : 'La correspondance proposée'}</h2>${proposedEntry(item.changes.filter((c) => !SAID_ABOVE.has(c.field)))}
           <p class="count"><a href="${entryHref}">${concept ? 'Ouvrir sa fiche' : 'Ouvrir la page du code'}</a></p>`
    }
    ${lookAlikes ?? ''}
    ${decisionForm(item)}`),
  );
  const form = document.getElementById('decision');
  form?.addEventListener('submit', (event) => {
    event.preventDefault();
    void decide(form, item, event.submitter?.dataset.decision);
  });
}

/** The author's name as the change log knows it (people are named once they signed in). */
async function authorOf(item) {
  try {
    const { history } = await graphql(AUTHOR_NAMES, { key: item.key, entity: isConceptItem(item) ? 'CONCEPT' : 'MAPPING' });
    return history.findLast((change) => change.principal === item.author)?.principalName ?? authorName(item.author);
  } catch {
    return authorName(item.author);
  }
}

/** Concepts whose labels resemble a new concept's, found by the agents' search. */
async function likelyDuplicates(item) {
  const label = item.changes.find((c) => c.field === 'prefLabel.fr')?.after ?? item.concept?.prefLabel;
  if (!label) return null;
  // the search wants every word: "Budget primitif consolidé" finds itself, "Budget primitif" its likely twin
  const words = String(label).slice(0, 200).split(/\s+/);
  const shorter = words.length > 1 ? words.slice(0, -1).join(' ') : words[0];
  const found = await graphql(LOOK_ALIKES, { label: words.join(' '), shorter });
  const seen = new Set([item.key]);
  const others = [...found.label.hits, ...found.shorter.hits]
    .map((hit) => hit.concept)
    .filter((c) => !seen.has(c.code) && seen.add(c.code))
    .slice(0, 5);
  return `<section class="card look-alikes" aria-labelledby="titre-ressemblants">
    <h2 id="titre-ressemblants" class="card-title">Concepts ressemblants du dictionnaire</h2>
    ${
      others.length
        ? `<p>Vérifiez que ce nouveau concept n’existe pas déjà sous un autre libellé :</p>
          <ul class="look-alike-list">${others
            .map(
              (
                c,
              ) => `<li><a href="/concept/${encodeURIComponent(c.code)}">${escapeHtml(c.prefLabel)}</a> <span class="code">${escapeHtml(c.code)}</span>
                <span class="count">${escapeHtml(c.domain.label)}</span> ${statusBadge(c.status)}
                ${c.definition ? `<br /><span class="count">${escapeHtml(c.definition.length > 160 ? c.definition.slice(0, 157) + '…' : c.definition)}</span>` : ''}</li>`,
            )
            .join('')}</ul>`
        : '<p>Aucun concept du dictionnaire ne ressemble à ce libellé.</p>'
    }
  </section>`;
}

function decisionForm(item) {
  if (!item.mayApprove) {
    const own = item.author === session().me.id;
    return `<p class="notice" id="pas-de-decision">${
      own
        ? 'Vous êtes l’auteur de cette proposition : un autre référent du domaine doit l’approuver ou la refuser.'
        : 'Vous ne pouvez pas décider de cette proposition : seuls les autres référents de son domaine et les administrateurs le peuvent.'
    }</p>`;
  }
  return `<form id="decision" class="card steward" novalidate aria-labelledby="titre-decision">
    <h2 id="titre-decision" class="card-title">Votre décision</h2>
    ${formSummary()}
    ${field('reason', {
      label: 'Motif de la décision',
      multiline: 2,
      hint: 'Facultatif pour approuver, obligatoire pour refuser : l’auteur le lira dans ses notifications.',
    })}
    <div class="actions">
      <button type="submit" class="button" data-decision="approve">Approuver et publier</button>
      <button type="submit" class="button secondary" data-decision="reject">Refuser</button>
    </div>
  </form>`;
}

async function decide(form, item, decision) {
  clearErrors(form);
  const reason = form.elements.reason.value.trim() || null;
  if (decision === 'reject' && !reason) {
    showFormError(form, {
      field: 'reason',
      reason: 'REQUIRED',
      code: 'BAD_USER_INPUT',
      message: '',
      extensions: {},
    });
    form.querySelector('[data-field="reason"] .field-error').textContent = 'Indiquez pourquoi vous refusez : l’auteur le lira.';
    return;
  }
  const concept = isConceptItem(item);
  const variables = concept
    ? { code: item.key, version: item.version, reason }
    : { system: item.mapping.system.code, code: item.mapping.localCode, version: item.version, id: item.mapping.id, reason };
  try {
    await graphql(DECISIONS[concept ? 'concept' : 'mapping'][decision], variables);
  } catch (error) {
    showFormError(form, error);
    const summary = form.querySelector('.form-summary');
    if (!summary.hidden) summary.innerHTML = decisionErrorHtml(error);
    if (error.reason === 'STALE_VERSION' || error.code === 'CONFLICT') {
      summary.append(h(`<p><button type="button" class="button secondary" id="recharger">Recharger la proposition</button></p>`));
      summary.querySelector('#recharger').addEventListener('click', () => void refresh());
    }
    return;
  }
  const done = decision === 'approve' ? 'approuvé et publié' : 'refusé et renvoyé à son auteur';
  const text = `${concept ? `« ${item.concept?.prefLabel ?? item.key} »` : `La correspondance ${item.key}`} : ${done}.`;
  setFlash(text);
  announce(text);
  void refreshInboxCount();
  await navigate('/a-relire');
}
