// Forms of the workspace: fields with their error next to them, a summary
// for refusals that name no field.

import { escapeHtml } from '../lib/dom.js';
import { errorHtml, fieldKey, FIELD_LABELS } from '../lib/messages.js';

let sequence = 0;

/**
 * A labelled field. `name` is the API's field path without `input.`
 * (prefLabel.fr, broader…): the API's extensions.field finds it again.
 */
export function field(
  name,
  { label = FIELD_LABELS[name] ?? name, value = '', type = 'text', hint = '', multiline = false, required = false, lang, attrs = '' } = {},
) {
  const id = `champ-${++sequence}`;
  const hintId = hint ? `${id}-aide` : '';
  const errorId = `${id}-erreur`;
  const described = [hintId, errorId].filter(Boolean).join(' ');
  const common = `id="${id}" name="${escapeHtml(name)}" aria-describedby="${described}"${required ? ' required aria-required="true"' : ''}${lang ? ` lang="${lang}"` : ''} ${attrs}`;
  const control = multiline
    ? `<textarea ${common} rows="${multiline === true ? 3 : multiline}">${escapeHtml(value)}</textarea>`
    : `<input ${common} type="${type}" value="${escapeHtml(value)}" />`;
  return `<div class="field" data-field="${escapeHtml(name)}">
    <label for="${id}">${escapeHtml(label)}${required ? ' <span class="required">(obligatoire)</span>' : ''}</label>
    ${hint ? `<p class="hint" id="${hintId}">${escapeHtml(hint)}</p>` : ''}
    ${control}
    <p class="field-error" id="${errorId}" hidden></p>
  </div>`;
}

export function clearErrors(form) {
  form.querySelectorAll('.field-error').forEach((p) => {
    p.hidden = true;
    p.textContent = '';
  });
  form.querySelectorAll('[aria-invalid]').forEach((el) => el.removeAttribute('aria-invalid'));
  const summary = form.querySelector('.form-summary');
  if (summary) {
    summary.hidden = true;
    summary.textContent = '';
  }
}

/** Puts a refusal next to its field (and focuses it), or in the form's summary. */
export function showFormError(form, error) {
  clearErrors(form);
  const key = fieldKey(error.field);
  const box = key && form.querySelector(`[data-field="${CSS.escape(key)}"]`);
  if (box) {
    const message = box.querySelector('.field-error');
    message.innerHTML = errorHtml(error);
    message.hidden = false;
    const control = box.querySelector('input, textarea, select');
    control?.setAttribute('aria-invalid', 'true');
    control?.focus();
    return;
  }
  const summary = form.querySelector('.form-summary');
  summary.innerHTML = errorHtml(error);
  summary.hidden = false;
  summary.focus();
}

export const formSummary = () => `<div class="form-summary error" role="alert" tabindex="-1" hidden></div>`;

/** Lines of a textarea or comma-separated values, trimmed, without empties. */
export function listValue(text, separator = /\n/) {
  return String(text ?? '')
    .split(separator)
    .map((v) => v.trim())
    .filter(Boolean);
}
