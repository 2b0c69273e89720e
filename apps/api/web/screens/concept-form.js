// Modifier / Nouveau concept: the form of a concept for its domain's stewards,
// with errors next to their fields and a warning while typing a label another
// concept of the domain already has.

import { announce, escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { navigate } from '../lib/router.js';
import { domainLabel, mayWrite, writableDomains } from '../lib/session.js';
import { statusBadge } from '../components/concepts.js';
import { clearErrors, field, formSummary, listValue, showFormError } from '../components/form.js';
import { changedFields, contentOfConcept, creationFields, emptyContent } from '../components/concept-content.js';
import { refreshInboxCount } from '../components/header.js';

const EDIT_QUERY = `query AModifier($code: String!) {
  concept(code: $code) {
    code status version domain { code label }
    prefLabel prefLabelEn: prefLabel(lang: "en")
    altLabels altLabelsEn: altLabels(lang: "en")
    definition definitionEn: definition(lang: "en")
    scopeNote scopeNoteEn: scopeNote(lang: "en")
    acronyms source broader { code } related { code }
    pendingRevision { proposed }
  }
}`;
const NEXT_CODE = `query CodeSuivant($domain: String!) { nextConceptCode(domain: $domain) }`;
const CREATE = `mutation Creer($input: CreateConceptInput!, $reason: String) { createConcept(input: $input, reason: $reason) { code version status } }`;
const UPDATE = `mutation Modifier($code: String!, $version: Int!, $input: UpdateConceptInput!, $reason: String) {
  updateConcept(code: $code, version: $version, input: $input, reason: $reason) { code version status }
}`;
const SUBMIT = `mutation Soumettre($code: String!, $version: Int!) { submitConcept(code: $code, version: $version) { code version status } }`;
const SIMILAR = `query Doublons($query: String!, $domain: String!) {
  search(query: $query, filter: { domains: [$domain], statuses: [DRAFT, IN_REVIEW, PUBLISHED] }, first: 5) {
    hits { concept { code prefLabel status } }
  }
}`;

export async function renderConceptForm({ code }, params) {
  if (code) return renderEdit(code);
  return renderNew(params.get('domaine'));
}

async function renderEdit(code) {
  const { concept: c } = await graphql(EDIT_QUERY, { code });
  if (!c || !mayWrite(c.domain.code)) {
    setTitle('Modification impossible');
    main().replaceChildren(
      h(
        `<h1>Modification impossible</h1><p>Seuls les référents du domaine et les administrateurs modifient cette fiche.</p><p><a href="/concept/${encodeURIComponent(code)}">Retour à la fiche</a></p>`,
      ),
    );
    return;
  }
  setTitle(`Modifier ${c.prefLabel}`);
  const before = contentOfConcept(c);
  const published = c.status === 'PUBLISHED';
  const actions = published
    ? `<button type="submit" class="button" data-then="">Proposer la modification</button>`
    : c.status === 'DRAFT'
      ? `<button type="submit" class="button" data-then="">Enregistrer le brouillon</button>
         <button type="submit" class="button secondary" data-then="submit">Enregistrer et envoyer en relecture</button>`
      : `<button type="submit" class="button" data-then="">Enregistrer</button>`;
  main().replaceChildren(
    h(`<p><a href="/concept/${encodeURIComponent(c.code)}">← ${escapeHtml(c.prefLabel)}</a></p>
    <h1>Modifier « ${escapeHtml(c.prefLabel)} »</h1>
    <p class="lead"><span class="code">${escapeHtml(c.code)}</span> · ${escapeHtml(c.domain.label)} · ${statusBadge(c.status)} · version ${c.version}</p>
    ${published ? `<p class="notice">Cette fiche est publiée : votre modification sera visible de tous après l’approbation d’un autre référent du domaine.${c.pendingRevision ? ' Elle complète la modification déjà en attente.' : ''}</p>` : ''}
    <form id="fiche" novalidate>
      ${formSummary()}
      ${contentFields(before)}
      ${field('reason', { label: 'Motif de la modification', hint: 'Facultatif : il apparaîtra dans l’historique.' })}
      <div class="actions">${actions}<a class="button link" href="/concept/${encodeURIComponent(c.code)}">Annuler</a></div>
    </form>`),
  );
  const form = document.getElementById('fiche');
  watchDuplicates(form, c.domain.code, c.code);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveEdit(form, c, before, event.submitter?.dataset.then);
  });
}

async function saveEdit(form, c, before, then) {
  clearErrors(form);
  const input = changedFields(before, readContent(form));
  const reason = form.elements.reason.value.trim() || null;
  try {
    let version = c.version;
    if (Object.keys(input).length) {
      version = (await graphql(UPDATE, { code: c.code, version, input, reason })).updateConcept.version;
    } else if (then !== 'submit') {
      showFormError(form, { code: 'BAD_USER_INPUT', reason: 'UNCHANGED', field: null, extensions: {}, message: '' });
      return;
    }
    if (then === 'submit') await graphql(SUBMIT, { code: c.code, version });
    announce(then === 'submit' ? 'Enregistré et envoyé en relecture' : 'Modification enregistrée');
    void refreshInboxCount(); // a proposal or a submission waits in the inbox
    await navigate(`/concept/${encodeURIComponent(c.code)}`);
  } catch (error) {
    showFormError(form, error);
  }
}

async function renderNew(askedDomain) {
  setTitle('Nouveau concept');
  const domains = writableDomains();
  if (!domains.length) {
    main().replaceChildren(
      h(`<h1>Nouveau concept</h1><p>Seuls les référents d’un domaine et les administrateurs créent des concepts.</p>`),
    );
    return;
  }
  const domain = domains.includes(askedDomain) ? askedDomain : domains[0];
  main().replaceChildren(
    h(`<h1>Nouveau concept</h1>
    <p class="lead">Le concept est créé en brouillon, visible seulement des référents du domaine, jusqu’à sa publication après relecture.</p>
    <form id="fiche" novalidate>
      ${formSummary()}
      <div class="field-row">
        <div class="field" data-field="domain">
          <label for="domaine">Domaine</label>
          <select id="domaine" name="domain" aria-describedby="domaine-erreur">${domains
            .map(
              (d) =>
                `<option value="${escapeHtml(d)}"${d === domain ? ' selected' : ''}>${escapeHtml(domainLabel(d))} (${escapeHtml(d)})</option>`,
            )
            .join('')}</select>
          <p class="field-error" id="domaine-erreur" hidden></p>
        </div>
        ${field('code', { hint: 'Le premier code libre du domaine est proposé ; il ne change plus une fois publié.', required: true, attrs: 'autocomplete="off" spellcheck="false"' })}
      </div>
      ${contentFields(emptyContent())}
      ${field('reason', { label: 'Motif de la création', hint: 'Facultatif : il apparaîtra dans l’historique.' })}
      <div class="actions">
        <button type="submit" class="button" data-then="">Enregistrer le brouillon</button>
        <button type="submit" class="button secondary" data-then="submit">Enregistrer et envoyer en relecture</button>
      </div>
    </form>`),
  );
  const form = document.getElementById('fiche');
  const suggest = async () => {
    const { nextConceptCode } = await graphql(NEXT_CODE, { domain: form.elements.domain.value });
    form.elements.code.value = nextConceptCode;
  };
  form.elements.domain.addEventListener('change', () => void suggest());
  await suggest();
  watchDuplicates(form, () => form.elements.domain.value, null);
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void saveNew(form, event.submitter?.dataset.then);
  });
}

async function saveNew(form, then) {
  clearErrors(form);
  const input = creationFields(form.elements.domain.value, form.elements.code.value.trim().toUpperCase(), readContent(form));
  const reason = form.elements.reason.value.trim() || null;
  try {
    const created = (await graphql(CREATE, { input, reason })).createConcept;
    if (then === 'submit') await graphql(SUBMIT, { code: created.code, version: created.version });
    announce(then === 'submit' ? 'Concept créé et envoyé en relecture' : 'Brouillon enregistré');
    void refreshInboxCount();
    await navigate(`/concept/${encodeURIComponent(created.code)}`);
  } catch (error) {
    showFormError(form, error);
  }
}

function contentFields(content) {
  const lines = (list) => list.join('\n');
  return `
  <fieldset><legend>Libellés</legend>
    ${field('prefLabel.fr', { value: content.prefLabel.fr, required: true, attrs: 'autocomplete="off"' })}
    <div class="duplicate-warning" id="doublon" role="status"></div>
    ${field('prefLabel.en', { value: content.prefLabel.en, lang: 'en' })}
    ${field('altLabels.fr', { value: lines(content.altLabels.fr), multiline: 2, hint: 'Un par ligne.' })}
    ${field('altLabels.en', { value: lines(content.altLabels.en), multiline: 2, hint: 'Un par ligne.', lang: 'en' })}
    ${field('acronyms', { value: content.acronyms.join(', '), hint: 'Séparés par des virgules, ex. BP, DM.' })}
  </fieldset>
  <fieldset><legend>Définition</legend>
    ${field('definition.fr', { value: content.definition.fr, multiline: 4 })}
    ${field('definition.en', { value: content.definition.en, multiline: 3, lang: 'en' })}
    ${field('scopeNote.fr', { value: content.scopeNote.fr, multiline: 2 })}
    ${field('scopeNote.en', { value: content.scopeNote.en, multiline: 2, lang: 'en' })}
    ${field('source', { value: content.source, hint: 'Texte de référence, ex. article L. 2311-1 du CGCT.' })}
  </fieldset>
  <fieldset><legend>Relations</legend>
    ${field('broader', { value: content.broader.join(', '), hint: 'Codes des concepts plus larges, du même domaine, séparés par des virgules.', attrs: 'spellcheck="false"' })}
    ${field('related', { value: content.related.join(', '), hint: 'Codes de concepts liés, de tout domaine, séparés par des virgules.', attrs: 'spellcheck="false"' })}
  </fieldset>`;
}

function readContent(form) {
  const value = (name) => form.elements[name].value;
  const codes = (name) => listValue(value(name), /[\s,;]+/).map((c) => c.toUpperCase());
  return {
    prefLabel: { fr: value('prefLabel.fr'), en: value('prefLabel.en') },
    altLabels: { fr: listValue(value('altLabels.fr')), en: listValue(value('altLabels.en')) },
    definition: { fr: value('definition.fr'), en: value('definition.en') },
    scopeNote: { fr: value('scopeNote.fr'), en: value('scopeNote.en') },
    acronyms: listValue(value('acronyms'), /,/),
    source: value('source'),
    broader: codes('broader'),
    related: codes('related'),
  };
}

/** Labels compared as the API compares them: case and accents folded. */
const fold = (text) =>
  text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();

/** Warns while typing when another concept of the domain already has this French label. */
function watchDuplicates(form, domain, ownCode) {
  const input = form.elements['prefLabel.fr'];
  const box = document.getElementById('doublon');
  let timer = 0;
  let sequence = 0;
  input.addEventListener('input', () => {
    window.clearTimeout(timer);
    timer = window.setTimeout(async () => {
      const typed = input.value.trim();
      const asked = ++sequence;
      if (typed.length < 2) return void box.replaceChildren();
      const domainCode = typeof domain === 'function' ? domain() : domain;
      try {
        const { search } = await graphql(SIMILAR, { query: typed.slice(0, 200), domain: domainCode });
        if (asked !== sequence) return;
        const twin = search.hits.map((hit) => hit.concept).find((c) => c.code !== ownCode && fold(c.prefLabel ?? '') === fold(typed));
        box.replaceChildren(
          twin
            ? h(
                `<p class="warning-text">Attention : <a href="/concept/${encodeURIComponent(twin.code)}">${escapeHtml(twin.prefLabel)}</a> (<span class="code">${escapeHtml(twin.code)}</span>, ${statusBadge(twin.status)}) porte déjà ce libellé dans ce domaine. Deux concepts d’un domaine ne peuvent pas avoir le même libellé préféré.</p>`,
              )
            : '',
        );
      } catch {
        box.replaceChildren(); // the warning is a help; the API checks again on saving
      }
    }, 300);
  });
}
