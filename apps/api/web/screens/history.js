// Historique: the timeline of a concept and of its mappings, newest first,
// in Paris time: who did what, and why.

import { escapeHtml, h, main, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { ACTION_LABELS, RELATION_LABELS, STATUS_LABELS } from '../lib/labels.js';
import { FIELD_LABELS } from '../lib/messages.js';
import { formatDateTime, machineTime } from '../lib/time.js';

const CHANGE_FIELDS = `at principal principalName action reason changes { field before after }`;
const CONCEPT_HISTORY = `query Historique($code: String!) {
  concept(code: $code) { code prefLabel mappings { system { code name } localCode } }
  history(key: $code) { ${CHANGE_FIELDS} }
}`;
/** Aliases per request stay under the API's limit. */
const MAPPINGS_PER_REQUEST = 20;

const MAPPING_FIELD_LABELS = {
  localLabel: 'Libellé local',
  relation: 'Relation',
  concept: 'Concept',
  validFrom: 'Début de validité',
  validTo: 'Fin de validité',
  note: 'Note',
  status: 'Statut',
  justification: 'Justification',
  confidence: 'Confiance',
};

export async function renderHistory({ code }) {
  const { concept, history } = await graphql(CONCEPT_HISTORY, { code });
  if (!concept) {
    setTitle('Fiche introuvable');
    main().replaceChildren(h(`<h1>Fiche introuvable</h1><p><a href="/">Retour à la recherche</a></p>`));
    return;
  }
  setTitle(`Historique de ${concept.prefLabel}`);
  const mappingChanges = await mappingHistories(concept.mappings);
  const events = [...history.map((change) => ({ ...change, subject: null })), ...mappingChanges].sort((a, b) =>
    a.at < b.at ? 1 : a.at > b.at ? -1 : 0,
  );
  main().replaceChildren(
    h(`<p><a href="/concept/${encodeURIComponent(concept.code)}">← ${escapeHtml(concept.prefLabel)}</a></p>
    <h1>Historique de « ${escapeHtml(concept.prefLabel)} »</h1>
    <p class="lead">Les changements de la fiche <span class="code">${escapeHtml(concept.code)}</span> et de ses correspondances, du plus récent au plus ancien (heure de Paris).</p>
    ${events.length ? `<ol class="timeline">${events.map(eventHtml).join('')}</ol>` : '<p>Aucun changement enregistré.</p>'}`),
  );
}

async function mappingHistories(mappings) {
  const keys = mappings.map((m) => ({ key: `${m.system.code}/${m.localCode}`, label: `${m.system.name} — code ${m.localCode}` }));
  const batches = [];
  for (let i = 0; i < keys.length; i += MAPPINGS_PER_REQUEST) batches.push(keys.slice(i, i + MAPPINGS_PER_REQUEST));
  const answers = await Promise.all(
    batches.map((batch) => {
      const fields = batch.map((k, i) => `m${i}: history(entity: MAPPING, key: ${JSON.stringify(k.key)}) { ${CHANGE_FIELDS} }`).join('\n');
      return graphql(`query HistoriqueCorrespondances { ${fields} }`).then((data) =>
        batch.map((k, i) => ({ ...k, changes: data[`m${i}`] })),
      );
    }),
  );
  return answers.flat().flatMap(({ key, label, changes }) => changes.map((change) => ({ ...change, subject: { key, label } })));
}

function eventHtml(change) {
  const who = change.principalName ?? change.principal.replace(/^(user|key):/, '');
  const what = ACTION_LABELS[change.action] ?? change.action;
  const subject = change.subject
    ? `<span class="subject">Correspondance ${escapeHtml(change.subject.label)}</span>`
    : '<span class="subject">Fiche</span>';
  const labels = change.subject ? MAPPING_FIELD_LABELS : FIELD_LABELS;
  const diffs = change.changes.filter((c) => change.action !== 'CREATE' || c.field !== 'status');
  return `<li class="event">
    <p class="event-head"><time datetime="${machineTime(change.at)}">${escapeHtml(formatDateTime(change.at))}</time> · ${subject}</p>
    <p><strong>${escapeHtml(what)}</strong> par ${escapeHtml(who)}${change.reason ? ` — motif : « ${escapeHtml(change.reason)} »` : ''}</p>
    ${
      diffs.length && change.action !== 'CREATE'
        ? `<ul class="diff">${diffs
            .map(
              (d) =>
                `<li><span class="diff-field">${escapeHtml(labels[d.field] ?? d.field)}</span> : ${valueHtml(d.field, d.before, 'del')} → ${valueHtml(d.field, d.after, 'ins')}</li>`,
            )
            .join('')}</ul>`
        : ''
    }
  </li>`;
}

function valueHtml(field, value, tag) {
  if (value === null || value === undefined || (Array.isArray(value) && value.length === 0) || value === '')
    return '<span class="empty">(vide)</span>';
  let text = Array.isArray(value) ? value.join(', ') : typeof value === 'object' ? JSON.stringify(value) : String(value);
  if (field === 'status') text = STATUS_LABELS[text] ?? text;
  if (field === 'relation') text = RELATION_LABELS[text] ?? text;
  return `<${tag}>${escapeHtml(text)}</${tag}>`;
}
