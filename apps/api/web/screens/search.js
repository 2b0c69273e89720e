// Recherche: results as the agent types, with facets and keyboard navigation.

import { announce, escapeHtml, h, main, plural, safeHighlight, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { STATUS_LABELS } from '../lib/labels.js';
import { errorHtml } from '../lib/messages.js';
import { navigate } from '../lib/router.js';
import { statusBadge } from '../components/concepts.js';

const SEARCH_DELAY_MS = 150;

const SEARCH_QUERY = `query Recherche($query: String!, $filter: SearchFilter) {
  search(query: $query, filter: $filter, first: 20) {
    total tookMs
    facets { domains { value count } statuses { value count } }
    hits {
      matchedOn highlight
      concept { code prefLabel status acronyms definition domain { code label } replacedBy { code prefLabel } }
    }
  }
}`;

const MATCH_LABELS = {
  ACRONYM: 'un sigle',
  CODE: 'le code',
  ALT_LABEL: 'un synonyme',
  HIDDEN_LABEL: 'une variante',
  LEGACY_LABEL: "le libellé d'un ancien système",
  LEGACY_CODE: "le code d'un ancien système",
  DEFINITION: 'la définition',
};

export function renderSearch(_params, params) {
  setTitle('');
  main().replaceChildren(
    h(`
    <h1>Rechercher dans le dictionnaire</h1>
    <p class="lead">Un terme, un sigle, un code, ou le mot de votre ancien logiciel : les fautes de frappe et les accents manquants sont tolérés.</p>
    <form class="search-box" role="search" action="/" method="get">
      <label for="q">Terme, sigle ou code</label>
      <input id="q" name="q" type="search" autocomplete="off" spellcheck="false"
        role="combobox" aria-autocomplete="list" aria-expanded="false" aria-controls="resultats" aria-describedby="aide-recherche" />
      <p id="aide-recherche" class="hint">Flèches haut et bas pour parcourir les résultats, Entrée pour ouvrir, Échap pour effacer.</p>
    </form>
    <div id="filtres" class="filters" hidden></div>
    <p id="resume" class="count" aria-hidden="true"></p>
    <ul id="resultats" class="results" role="listbox" aria-label="Résultats"></ul>`),
  );
  const input = document.getElementById('q');
  const state = {
    query: params.get('q') ?? '',
    domains: new Set(params.getAll('domaine')),
    statuses: new Set(params.getAll('statut')),
    active: -1,
    hits: [],
    sequence: 0,
    controller: null,
    timer: 0,
  };
  input.value = state.query;

  input.addEventListener('input', () => {
    state.query = input.value;
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(() => void search(state), SEARCH_DELAY_MS);
  });
  input.addEventListener('keydown', (event) => onSearchKey(event, state, input));
  input.closest('form').addEventListener('submit', (event) => {
    event.preventDefault();
    if (state.hits.length) openHit(state, Math.max(state.active, 0));
  });
  document.getElementById('filtres').addEventListener('change', (event) => {
    const box = event.target;
    const set = box.name === 'domaine' ? state.domains : state.statuses;
    if (box.checked) set.add(box.value);
    else set.delete(box.value);
    void search(state);
  });
  input.focus();
  if (state.query.trim()) void search(state);
}

async function search(state) {
  const query = state.query.trim();
  const sequence = ++state.sequence;
  state.controller?.abort();
  const list = document.getElementById('resultats');
  if (!query) {
    state.hits = [];
    list.replaceChildren();
    document.getElementById('filtres').hidden = true;
    document.getElementById('resume').textContent = '';
    document.getElementById('q').setAttribute('aria-expanded', 'false');
    return;
  }
  state.controller = new AbortController();
  const filter = {};
  if (state.domains.size) filter.domains = [...state.domains];
  if (state.statuses.size) filter.statuses = [...state.statuses];
  try {
    const data = await graphql(SEARCH_QUERY, { query: query.slice(0, 200), filter }, state.controller.signal);
    if (sequence !== state.sequence) return; // a newer keystroke already asked again
    renderResults(state, data.search);
  } catch (error) {
    if (error.name === 'AbortError' || sequence !== state.sequence) return;
    list.replaceChildren(h(`<li class="error" role="alert">${errorHtml(error)}</li>`));
  }
}

function renderResults(state, result) {
  state.hits = result.hits;
  state.active = -1;
  const url = new URL(window.location.href);
  url.searchParams.set('q', state.query.trim());
  window.history.replaceState(null, '', url);

  const list = document.getElementById('resultats');
  list.replaceChildren(
    ...result.hits.map((hit, index) => {
      const c = hit.concept;
      // options hold no links (nested interactive controls confuse screen readers): the whole option opens the page
      const replaced =
        c.status === 'DEPRECATED' && c.replacedBy
          ? ` · remplacé par <strong>${escapeHtml(c.replacedBy.prefLabel)}</strong> (${escapeHtml(c.replacedBy.code)})`
          : '';
      const title = hit.matchedOn === 'PREF_LABEL' && hit.highlight ? safeHighlight(hit.highlight) : escapeHtml(c.prefLabel);
      const matched =
        hit.matchedOn !== 'PREF_LABEL' && hit.highlight
          ? `<p class="snippet">Trouvé dans ${escapeHtml(MATCH_LABELS[hit.matchedOn] ?? 'la fiche')} : ${safeHighlight(hit.highlight)}</p>`
          : '';
      const snippet = c.definition
        ? `<p class="snippet">${escapeHtml(c.definition.length > 180 ? c.definition.slice(0, 177) + '…' : c.definition)}</p>`
        : '';
      const item = h(`
        <li class="result" role="option" id="resultat-${index}" aria-selected="false" data-index="${index}">
          <span class="title">${title}</span>
          <div class="meta"><span class="code">${escapeHtml(c.code)}</span> ${statusBadge(c.status)} <span>${escapeHtml(c.domain.label)}</span>${
            c.acronyms.length ? ` <span>Sigles : ${escapeHtml(c.acronyms.join(', '))}</span>` : ''
          }${replaced}</div>
          ${matched}${snippet}
        </li>`);
      item.firstElementChild.addEventListener('click', () => openHit(state, index));
      return item;
    }),
  );
  document.getElementById('q').setAttribute('aria-expanded', String(result.hits.length > 0));
  document.getElementById('q').removeAttribute('aria-activedescendant');
  const summary =
    result.total === 0
      ? 'Aucun résultat'
      : `${plural(result.total, 'résultat', 'résultats')}${result.total > result.hits.length ? `, les ${result.hits.length} premiers affichés` : ''}`;
  document.getElementById('resume').textContent = summary;
  announce(summary);
  renderFacets(state, result.facets);
}

function renderFacets(state, facets) {
  const box = document.getElementById('filtres');
  const group = (legend, name, values, chosen, label) =>
    values.length
      ? `<fieldset><legend>${legend}</legend>${values
          .map(
            (f) =>
              `<label><input type="checkbox" name="${name}" value="${escapeHtml(f.value)}" ${chosen.has(f.value) ? 'checked' : ''} /> ${escapeHtml(label(f.value))} <span class="count">(${f.count})</span></label>`,
          )
          .join('')}</fieldset>`
      : '';
  box.replaceChildren(
    h(
      group('Domaine', 'domaine', facets.domains, state.domains, (v) => v) +
        group('Statut', 'statut', facets.statuses, state.statuses, (v) => STATUS_LABELS[v] ?? v),
    ),
  );
  box.hidden = facets.domains.length + facets.statuses.length === 0;
}

function onSearchKey(event, state, input) {
  if (event.key === 'Escape') {
    input.value = '';
    state.query = '';
    void search(state);
    return;
  }
  if (event.key !== 'ArrowDown' && event.key !== 'ArrowUp') return;
  if (!state.hits.length) return;
  event.preventDefault();
  const last = state.hits.length - 1;
  state.active = event.key === 'ArrowDown' ? (state.active >= last ? 0 : state.active + 1) : state.active <= 0 ? last : state.active - 1;
  document.querySelectorAll('.result').forEach((item, index) => item.setAttribute('aria-selected', String(index === state.active)));
  const active = document.getElementById(`resultat-${state.active}`);
  input.setAttribute('aria-activedescendant', active.id);
  active.scrollIntoView({ block: 'nearest' });
}

function openHit(state, index) {
  const hit = state.hits[index];
  if (hit) void navigate(`/concept/${encodeURIComponent(hit.concept.code)}`);
}
