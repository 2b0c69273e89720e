// Correspondances: what a local code of a system means, edited by stewards
// where it is shown (a legacy code's page, a system's page).

import { announce, escapeHtml, h } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { RELATION_EXPLANATIONS, RELATION_LABELS } from '../lib/labels.js';
import { errorHtml } from '../lib/messages.js';
import { isAdmin, session, signedIn } from '../lib/session.js';
import { formatDate } from '../lib/time.js';
import { conceptLink, statusBadge } from '../components/concepts.js';
import { attachConceptPicker, conceptPicker } from '../components/concept-picker.js';
import { clearErrors, field, formSummary, showFormError } from '../components/form.js';
import { refreshInboxCount } from '../components/header.js';
import { validity } from '../components/mappings-table.js';

const MAPPING_FIELDS = `id localCode localLabel relation validFrom validTo note status version
  concept { code prefLabel } pendingRevision { changes { field } }`;
const OF_CODE = `query Correspondances($system: String!, $code: String!) { mappingsOfCode(system: $system, localCode: $code) { ${MAPPING_FIELDS} } }`;
const UPSERT = `mutation Correspondance($input: MappingInput!, $version: Int, $reason: String) {
  upsertMapping(input: $input, version: $version, reason: $reason) { ${MAPPING_FIELDS} }
}`;
const SUBMIT = `mutation SoumettreCorrespondance($system: String!, $code: String!, $version: Int!, $id: ID) {
  submitMapping(system: $system, localCode: $code, version: $version, id: $id) { ${MAPPING_FIELDS} }
}`;

/** Whether to show mapping controls: the API still decides each write by the mapping's domain. */
const mayEditMappings = () => signedIn() && (isAdmin() || session().me.stewardDomains.length > 0);

/**
 * The mappings of one local code with their drafts, and the forms to edit or
 * add one; drawn into `container` for stewards and admins only.
 */
export async function mappingEditor(container, { system, localCode }) {
  if (!mayEditMappings()) return;
  const { mappingsOfCode } = await graphql(OF_CODE, { system: system.code, code: localCode });
  drawEditor(container, system, localCode, mappingsOfCode);
}

function drawEditor(container, system, localCode, mappings, message = '') {
  container.replaceChildren(
    h(`<section class="card steward" aria-labelledby="titre-correspondance">
      <h2 id="titre-correspondance" class="card-title">Correspondance du code <span class="code">${escapeHtml(localCode)}</span></h2>
      <p id="etat-correspondance" role="status">${escapeHtml(message)}</p>
      ${
        mappings.length
          ? `<ul class="mapping-list">${mappings.map((m, index) => mappingItem(m, index)).join('')}</ul>`
          : '<p>Ce code n’a encore aucune correspondance.</p>'
      }
      <div class="actions"><button type="button" class="button" id="ajouter-correspondance">${mappings.length ? 'Ajouter une autre période' : 'Ajouter une correspondance'}</button></div>
      <div id="formulaire-correspondance"></div>
    </section>`),
  );
  const reload = async (text) => {
    const { mappingsOfCode } = await graphql(OF_CODE, { system: system.code, code: localCode });
    drawEditor(container, system, localCode, mappingsOfCode, text);
    announce(text);
    void refreshInboxCount(); // a submission or a revision waits in the inbox
  };
  container.querySelector('#ajouter-correspondance').addEventListener('click', () => openForm(container, system, localCode, null, reload));
  container
    .querySelectorAll('[data-edit]')
    .forEach((button) =>
      button.addEventListener('click', () => openForm(container, system, localCode, mappings[Number(button.dataset.edit)], reload)),
    );
  container.querySelectorAll('[data-submit]').forEach((button) =>
    button.addEventListener('click', async () => {
      const m = mappings[Number(button.dataset.submit)];
      try {
        await graphql(SUBMIT, { system: system.code, code: m.localCode, version: m.version, id: m.id });
        await reload('Correspondance envoyée en relecture.');
      } catch (error) {
        const status = container.querySelector('#etat-correspondance');
        status.className = 'error';
        status.innerHTML = errorHtml(error);
      }
    }),
  );
}

function mappingItem(m, index) {
  const target = m.relation === 'UNMAPPED' ? 'sans équivalent' : m.concept ? conceptLink(m.concept) : '—';
  return `<li>
    <p><strong>${escapeHtml(RELATION_LABELS[m.relation])}</strong> : ${target} ${statusBadge(m.status)}
      <span class="count">validité ${escapeHtml(validity(m))}${m.localLabel ? ` · libellé local « ${escapeHtml(m.localLabel)} »` : ''}</span></p>
    ${m.pendingRevision ? '<p class="count">Une modification attend l’approbation d’un autre référent.</p>' : ''}
    <div class="actions">
      <button type="button" class="button secondary" data-edit="${index}">Modifier</button>
      ${m.status === 'DRAFT' ? `<button type="button" class="button secondary" data-submit="${index}">Envoyer en relecture</button>` : ''}
    </div>
  </li>`;
}

function openForm(container, system, localCode, mapping, reload) {
  const slot = container.querySelector('#formulaire-correspondance');
  container.querySelector('#ajouter-correspondance').hidden = true;
  const relation = mapping?.relation ?? 'EXACT';
  slot.replaceChildren(
    h(`<form id="correspondance" novalidate>
      <h3>${mapping ? 'Modifier la correspondance' : 'Nouvelle correspondance'}</h3>
      ${formSummary()}
      ${field('localLabel', { value: mapping?.localLabel ?? '', hint: 'Le libellé du code dans le système, tel que les agents le voient.' })}
      <fieldset class="field relations" data-field="relation">
        <legend>Ce code local et le concept…</legend>
        ${Object.keys(RELATION_LABELS)
          .map(
            (r) => `<label class="choice"><input type="radio" name="relation" value="${r}"${r === relation ? ' checked' : ''} />
              <span><strong>${escapeHtml(RELATION_LABELS[r])}</strong> — ${escapeHtml(RELATION_EXPLANATIONS[r])}</span></label>`,
          )
          .join('')}
        <p class="field-error" hidden></p>
      </fieldset>
      ${conceptPicker('concept', { label: 'Concept du dictionnaire', chosen: mapping?.concept ?? null })}
      <div class="field-row">
        ${field('validFrom', { type: 'date', value: mapping?.validFrom ?? '', hint: 'Vide : depuis toujours.' })}
        ${field('validTo', { type: 'date', value: mapping?.validTo ?? '', hint: 'Exclu. Vide : sans fin prévue.' })}
      </div>
      ${field('note', { value: mapping?.note ?? '', multiline: 2 })}
      ${field('reason', { label: 'Motif', hint: 'Facultatif : il apparaîtra dans l’historique.' })}
      <div class="actions">
        <button type="submit" class="button">Enregistrer la correspondance</button>
        <button type="button" class="button link" id="annuler-correspondance">Annuler</button>
      </div>
    </form>`),
  );
  const form = slot.querySelector('form');
  const picker = attachConceptPicker(form);
  const syncRelation = () => picker.setDisabled(form.elements.relation.value === 'UNMAPPED');
  form.querySelectorAll('input[name="relation"]').forEach((radio) => radio.addEventListener('change', syncRelation));
  syncRelation();
  form.querySelector('#annuler-correspondance').addEventListener('click', () => {
    slot.replaceChildren();
    container.querySelector('#ajouter-correspondance').hidden = false;
  });
  form.elements.localLabel.focus();
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const value = (name) => form.elements[name].value.trim() || null;
    // the whole mapping each time: what the form shows is what the mapping becomes
    const input = {
      system: system.code,
      localCode: mapping?.localCode ?? localCode,
      localLabel: value('localLabel'),
      relation: form.elements.relation.value,
      concept: form.elements.relation.value === 'UNMAPPED' ? null : value('concept'),
      validFrom: value('validFrom'),
      validTo: value('validTo'),
      note: value('note'),
    };
    if (mapping) input.id = mapping.id;
    try {
      const saved = (await graphql(UPSERT, { input, version: mapping?.version ?? null, reason: value('reason') })).upsertMapping;
      await reload(savedMessage(saved));
    } catch (error) {
      showFormError(form, error);
    }
  });
}

function savedMessage(m) {
  if (m.pendingRevision) return 'Modification enregistrée : elle sera visible après l’approbation d’un autre référent du domaine.';
  if (m.status === 'DRAFT') return 'Correspondance enregistrée en brouillon. Envoyez-la en relecture quand elle est prête.';
  if (m.status === 'IN_REVIEW') return 'Correspondance enregistrée ; elle reste en relecture.';
  return `Correspondance enregistrée et publiée${m.validFrom ? ` à partir du ${formatDate(m.validFrom)}` : ''}.`;
}
