// Choosing a concept by typing: the agents' search, as a combobox. The chosen
// code is kept in a hidden input named like the API's field.

import { escapeHtml, h } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';

const PICK_QUERY = `query Choisir($query: String!) {
  search(query: $query, filter: { statuses: [PUBLISHED] }, first: 8) { hits { concept { code prefLabel domain { label } } } }
}`;

let sequence = 0;

/** HTML of the picker; `name` is the field path (e.g. concept) and `chosen` the current concept. */
export function conceptPicker(name, { label, chosen = null, hint = '' }) {
  const id = `choix-${++sequence}`;
  return `<div class="field picker" data-field="${escapeHtml(name)}" data-picker="${id}">
    <label for="${id}">${escapeHtml(label)}</label>
    <p class="hint" id="${id}-aide">${escapeHtml(hint || 'Tapez un terme, un sigle ou un code, puis choisissez dans la liste (flèches et Entrée).')}</p>
    <input id="${id}" type="text" autocomplete="off" spellcheck="false" role="combobox" aria-autocomplete="list" aria-expanded="false"
      aria-controls="${id}-liste" aria-describedby="${id}-aide ${id}-choisi ${id}-erreur" />
    <input type="hidden" name="${escapeHtml(name)}" value="${escapeHtml(chosen?.code ?? '')}" />
    <ul id="${id}-liste" class="picker-list" role="listbox" aria-label="Concepts trouvés" hidden></ul>
    <p class="chosen" id="${id}-choisi" aria-live="polite">${chosenText(chosen)}</p>
    <p class="field-error" id="${id}-erreur" hidden></p>
  </div>`;
}

function chosenText(concept) {
  return concept
    ? `Concept choisi : <strong>${escapeHtml(concept.prefLabel)}</strong> <span class="code">${escapeHtml(concept.code)}</span>`
    : 'Aucun concept choisi.';
}

/** Wires the picker found in `root`. */
export function attachConceptPicker(root) {
  const box = root.querySelector('[data-picker]');
  const id = box.dataset.picker;
  const input = document.getElementById(id);
  const list = document.getElementById(`${id}-liste`);
  const hidden = box.querySelector('input[type="hidden"]');
  const state = { hits: [], active: -1, timer: 0, asked: 0 };

  const close = () => {
    list.hidden = true;
    input.setAttribute('aria-expanded', 'false');
    input.removeAttribute('aria-activedescendant');
  };
  const choose = (index) => {
    const concept = state.hits[index];
    if (!concept) return;
    hidden.value = concept.code;
    input.value = '';
    document.getElementById(`${id}-choisi`).innerHTML = chosenText(concept);
    close();
  };
  input.addEventListener('input', () => {
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(async () => {
      const query = input.value.trim();
      const asked = ++state.asked;
      if (!query) return close();
      const { search } = await graphql(PICK_QUERY, { query: query.slice(0, 200) });
      if (asked !== state.asked) return;
      state.hits = search.hits.map((hit) => hit.concept);
      state.active = -1;
      list.replaceChildren(
        ...state.hits.map((c, index) => {
          const item = h(
            `<li role="option" id="${id}-option-${index}" aria-selected="false">${escapeHtml(c.prefLabel)} <span class="code">${escapeHtml(c.code)}</span> <span class="count">${escapeHtml(c.domain.label)}</span></li>`,
          );
          item.firstElementChild.addEventListener('mousedown', (event) => {
            event.preventDefault();
            choose(index);
          });
          return item;
        }),
      );
      list.hidden = state.hits.length === 0;
      input.setAttribute('aria-expanded', String(state.hits.length > 0));
    }, 200);
  });
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') return close();
    if (event.key === 'Enter') {
      if (!list.hidden && state.hits.length) {
        event.preventDefault();
        choose(Math.max(state.active, 0));
      }
      return;
    }
    if ((event.key !== 'ArrowDown' && event.key !== 'ArrowUp') || list.hidden) return;
    event.preventDefault();
    const last = state.hits.length - 1;
    state.active = event.key === 'ArrowDown' ? (state.active >= last ? 0 : state.active + 1) : state.active <= 0 ? last : state.active - 1;
    list
      .querySelectorAll('[role="option"]')
      .forEach((option, index) => option.setAttribute('aria-selected', String(index === state.active)));
    input.setAttribute('aria-activedescendant', `${id}-option-${state.active}`);
  });
  input.addEventListener('blur', () => window.setTimeout(close, 150));
  return {
    setDisabled(disabled) {
      input.disabled = disabled;
      if (disabled) {
        hidden.value = '';
        document.getElementById(`${id}-choisi`).innerHTML = 'Pas de concept : le code n’a pas d’équivalent.';
      } else if (!hidden.value) {
        document.getElementById(`${id}-choisi`).innerHTML = chosenText(null);
      }
    },
  };
}
