// À relire: what waits for a second person in the steward's domains (every
// domain for admins), with counts and ages per domain, a filter by domain,
// and the approval of a selection at once.

import { announce, escapeHtml, h, main, plural, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { REVIEW_KIND_LABELS } from '../lib/labels.js';
import { decisionErrorHtml, FIELD_LABELS, reasonText } from '../lib/messages.js';
import { authorName, isConceptItem, queuePage, reviewHref, reviews, takeFlash } from '../lib/review-queue.js';
import { navigate } from '../lib/router.js';
import { domainLabel } from '../lib/session.js';
import { formatDateTime, machineTime, waitingFor } from '../lib/time.js';
import { refreshInboxCount } from '../components/header.js';
import { signInLink } from '../components/sign-in-link.js';

const PAGE = 50;
const APPROVE_CONCEPTS = `mutation ApprouverLot($items: [ConceptVersionInput!]!, $reason: String) {
  approveConcepts(items: $items, reason: $reason) { code status }
}`;
const APPROVE_MAPPING = `mutation ApprouverCorrespondance($system: String!, $code: String!, $version: Int!, $id: ID, $reason: String) {
  approveMapping(system: $system, localCode: $code, version: $version, id: $id, reason: $reason) { id }
}`;

export async function renderReviewInbox(_params, query) {
  setTitle('À relire');
  if (!reviews()) {
    main().replaceChildren(
      h(`<h1>À relire</h1><p>La relecture est réservée aux référents des domaines et aux administrateurs.</p>${signInLink('button')}`),
    );
    return;
  }
  const domain = query.get('domaine') || null;
  const [all, queue] = await Promise.all([
    queuePage({ first: 0 }),
    queuePage({ domains: domain ? [domain] : null, first: PAGE, after: query.get('apres') }),
  ]);
  const items = queue.edges.map((e) => e.node);
  const flash = takeFlash();
  main().replaceChildren(
    h(`<h1>À relire</h1>
    <p class="lead">Les propositions qui attendent l’avis d’un second référent dans vos domaines, les plus anciennes d’abord.</p>
    <p id="resultat-relecture" role="status">${escapeHtml(flash)}</p>
    ${summary(all)}
    ${all.totalCount ? filter(all, domain) : ''}
    ${items.length ? inboxForm(items, queue, domain) : `<p>${domain ? `Rien n’attend dans le domaine ${escapeHtml(domainLabel(domain))}.` : 'Rien n’attend votre relecture.'}</p>`}
    ${queue.pageInfo.hasNextPage ? `<p><a href="/a-relire?${new URLSearchParams({ ...(domain ? { domaine: domain } : {}), apres: queue.pageInfo.endCursor })}">Propositions suivantes</a></p>` : ''}
    <div id="resultats-lot"></div>`),
  );
  attach(items);
}

/** "Finances : 3 en attente depuis 2 jours", per domain. */
function summary(all) {
  if (!all.totalCount) return '';
  return `<section aria-labelledby="titre-attente"><h2 id="titre-attente" class="visually-hidden">En attente par domaine</h2>
    <ul class="queue-summary">${all.domains
      .map(
        (d) => `<li><strong>${escapeHtml(d.domain ? domainLabel(d.domain) : 'Sans domaine (administrateurs)')}</strong> :
          ${plural(d.count, 'proposition en attente', 'propositions en attente')} ${escapeHtml(waitingFor(d.oldestSince))}</li>`,
      )
      .join('')}</ul></section>`;
}

function filter(all, domain) {
  const options = all.domains.filter((d) => d.domain);
  if (options.length < 2 && !domain) return '';
  return `<form id="filtre-domaine" class="inline-form">
    <div class="field">
      <label for="domaine-relire">Domaine</label>
      <select id="domaine-relire" name="domaine">
        <option value="">Tous mes domaines (${all.totalCount})</option>
        ${options
          .map(
            (d) =>
              `<option value="${escapeHtml(d.domain)}"${d.domain === domain ? ' selected' : ''}>${escapeHtml(domainLabel(d.domain))} (${d.count})</option>`,
          )
          .join('')}
      </select>
    </div>
    <button type="submit" class="button secondary">Filtrer</button>
  </form>`;
}

function inboxForm(items, queue, domain) {
  const selectable = items.some((item) => item.mayApprove);
  return `<form id="lot" novalidate>
    <div class="table-wrap"><table class="inbox">
      <caption>${plural(queue.totalCount, 'proposition', 'propositions')}${domain ? ` dans le domaine ${escapeHtml(domainLabel(domain))}` : ''}</caption>
      <thead><tr>
        <th scope="col">${selectable ? '<input type="checkbox" id="tout-choisir" aria-label="Tout choisir" />' : '<span class="visually-hidden">Choix</span>'}</th>
        <th scope="col">Proposition</th><th scope="col">Nature</th><th scope="col">Domaine</th><th scope="col">Auteur</th><th scope="col">En attente</th>
      </tr></thead>
      <tbody>${items.map(row).join('')}</tbody>
    </table></div>
    ${
      selectable
        ? `<fieldset class="bulk"><legend>Approuver plusieurs propositions</legend>
            <p class="hint" id="lot-aide">Cochez les propositions relues, puis approuvez-les ensemble. Les concepts choisis sont approuvés tous ou aucun.</p>
            <div class="field"><label for="motif-lot">Motif de l’approbation</label>
              <input id="motif-lot" name="reason" type="text" aria-describedby="lot-aide" /></div>
            <div class="actions"><button type="submit" class="button" id="approuver-lot" disabled>Approuver la sélection</button>
              <span class="count" id="nombre-choisi" aria-live="polite">Aucune proposition choisie.</span></div>
          </fieldset>`
        : ''
    }
  </form>`;
}

function row(item, index) {
  const what = isConceptItem(item)
    ? `${escapeHtml(item.concept?.prefLabel ?? item.key)} <span class="code">${escapeHtml(item.key)}</span>`
    : `Code <span class="code">${escapeHtml(item.mapping.localCode)}</span> de ${escapeHtml(item.mapping.system.name)}`;
  const fields = item.changes.map((c) => FIELD_LABELS[c.field] ?? c.field);
  const changed =
    item.kind === 'CONCEPT_REVISION' || item.kind === 'MAPPING_REVISION'
      ? `<br /><span class="count">Change : ${escapeHtml(fields.slice(0, 3).join(', '))}${fields.length > 3 ? '…' : ''}</span>`
      : '';
  const id = `choix-${index}`;
  return `<tr>
    <td>${item.mayApprove ? `<input type="checkbox" id="${id}" name="choix" value="${index}" aria-label="Choisir ${escapeHtml(item.concept?.prefLabel ?? item.key)}" />` : ''}</td>
    <td><a href="${reviewHref(item)}">${what}</a>${changed}</td>
    <td>${escapeHtml(REVIEW_KIND_LABELS[item.kind])}</td>
    <td>${escapeHtml(item.domain ? domainLabel(item.domain) : '—')}</td>
    <td>${escapeHtml(authorName(item.author))}</td>
    <td><time datetime="${machineTime(item.since)}" title="${escapeHtml(formatDateTime(item.since))}">${escapeHtml(waitingFor(item.since))}</time></td>
  </tr>`;
}

function attach(items) {
  document.getElementById('filtre-domaine')?.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = event.target.elements.domaine.value;
    void navigate(chosen ? `/a-relire?domaine=${encodeURIComponent(chosen)}` : '/a-relire');
  });
  const form = document.getElementById('lot');
  if (!form) return;
  const boxes = [...form.querySelectorAll('input[name="choix"]')];
  const all = document.getElementById('tout-choisir');
  const button = document.getElementById('approuver-lot');
  const sync = () => {
    const chosen = boxes.filter((b) => b.checked).length;
    if (button) button.disabled = chosen === 0;
    const said = document.getElementById('nombre-choisi');
    if (said)
      said.textContent = chosen ? `${plural(chosen, 'proposition choisie', 'propositions choisies')}.` : 'Aucune proposition choisie.';
    if (all) all.checked = chosen === boxes.length && chosen > 0;
  };
  boxes.forEach((b) => b.addEventListener('change', sync));
  all?.addEventListener('change', () => {
    boxes.forEach((b) => (b.checked = all.checked));
    sync();
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const chosen = boxes.filter((b) => b.checked).map((b) => items[Number(b.value)]);
    if (chosen.length) void approveSelection(chosen, form.elements.reason.value.trim() || null);
  });
}

/**
 * Concepts through approveConcepts, all or nothing; mappings one by one (the
 * API approves them one at a time). Every item's result is listed.
 */
async function approveSelection(chosen, reason) {
  const concepts = chosen.filter(isConceptItem);
  const mappings = chosen.filter((item) => !isConceptItem(item));
  const results = [];
  let conceptRefusal = null;
  if (concepts.length) {
    try {
      await graphql(APPROVE_CONCEPTS, { items: concepts.map((c) => ({ code: c.key, version: c.version })), reason });
      concepts.forEach((item) => results.push({ item, ok: true }));
    } catch (error) {
      conceptRefusal = error;
      const refusals = refusalsByIndex(error);
      concepts.forEach((item, index) => results.push({ item, ok: false, why: refusals.get(index) ?? null }));
    }
  }
  for (const item of mappings) {
    try {
      await graphql(APPROVE_MAPPING, {
        system: item.mapping.system.code,
        code: item.mapping.localCode,
        version: item.version,
        id: item.mapping.id,
        reason,
      });
      results.push({ item, ok: true });
    } catch (error) {
      results.push({ item, ok: false, why: decisionErrorHtml(error) });
    }
  }
  void refreshInboxCount();
  showResults(results, conceptRefusal);
}

/** The refusal of a bulk write per item: every problem in extensions.problems, or the one the error names (items[2]…). */
function refusalsByIndex(error) {
  const byIndex = new Map();
  const problems = error.extensions?.problems ?? [
    { index: Number(/^items\[(\d+)\]/.exec(error.field ?? '')?.[1] ?? NaN), reason: error.reason, ...error.extensions },
  ];
  for (const p of problems) {
    if (!Number.isInteger(p.index)) continue;
    const text = reasonText(p.reason, p, { decision: true }) ?? p.message ?? error.message;
    byIndex.set(p.index, escapeHtml(text));
  }
  return byIndex;
}

function showResults(results, conceptRefusal) {
  const approved = results.filter((r) => r.ok).length;
  const box = document.getElementById('resultats-lot');
  box.replaceChildren(
    h(`<section class="card" aria-labelledby="titre-resultats" tabindex="-1" id="resultats-section">
      <h2 id="titre-resultats" class="card-title">Résultat : ${approved} ${approved > 1 ? 'propositions approuvées' : 'proposition approuvée'} sur ${results.length}</h2>
      ${
        conceptRefusal
          ? `<p class="error">Aucun des concepts choisis n’a été approuvé : une sélection de concepts est approuvée en entier ou pas du tout, et l’un d’eux a été refusé. ${
              // said once: beside the item when the refusal names it, here otherwise
              results.some((r) => r.why) ? 'Voir ci-dessous lequel et pourquoi.' : decisionErrorHtml(conceptRefusal)
            }</p>`
          : ''
      }
      <ul class="notifications">${results
        .map(
          (
            r,
          ) => `<li class="notification ${r.ok ? 'ok' : 'bad'}"><p><a href="${reviewHref(r.item)}">${escapeHtml(r.item.concept?.prefLabel ?? r.item.key)}</a>
            <span class="code">${escapeHtml(r.item.key)}</span> : ${r.ok ? '<strong>approuvé et publié</strong>' : `<strong>non approuvé</strong>${r.why ? ` — ${r.why}` : ' (refusé avec le reste de la sélection)'}`}</p></li>`,
        )
        .join('')}</ul>
      <p><a href="/a-relire">Revoir la liste à relire</a></p>
    </section>`),
  );
  // the rows approved are gone from the inbox: the table no longer offers them
  if (approved) document.getElementById('lot')?.remove();
  document.getElementById('resultats-section').focus();
  announce(`${approved} sur ${results.length} approuvées`);
}
