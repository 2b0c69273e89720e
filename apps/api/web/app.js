// Lexique — the agents' page. Plain JavaScript, no framework: small to load on
// a slow network, nothing fetched from outside the Métropole's network.
'use strict';

const STATUS_LABELS = { PUBLISHED: 'Publié', DEPRECATED: 'Obsolète', DRAFT: 'Brouillon', IN_REVIEW: 'En relecture' };
const RELATION_LABELS = {
  EXACT: 'Équivalent',
  CLOSE: 'Proche',
  BROAD: 'Plus large',
  NARROW: 'Plus précis',
  RELATED: 'Associé',
  UNMAPPED: 'Sans équivalent',
};
const SYSTEM_STATUS_LABELS = { ACTIVE: 'En service', RETIRING: 'En cours de retrait', RETIRED: 'Retiré' };
const SEARCH_DELAY_MS = 150;

const main = () => document.getElementById('contenu');

/* ---------- small helpers ---------- */

function escapeHtml(text) {
  return String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/**
 * Highlights come from the server HTML-escaped with <mark> around matches.
 * They are decoded and escaped again here so that only <mark> can ever reach the page.
 */
function safeHighlight(html) {
  const text = String(html ?? '')
    .replace(/<mark>/g, '\u0001')
    .replace(/<\/mark>/g, '\u0002')
    .replace(/<[^>]*>/g, '')
    .replace(/&(amp|lt|gt|quot|#39);/g, (_, entity) => ({ amp: '&', lt: '<', gt: '>', quot: '"', '#39': "'" })[entity]);
  return escapeHtml(text)
    .replace(/\u0001/g, '<mark>')
    .replace(/\u0002/g, '</mark>');
}

function h(html) {
  const template = document.createElement('template');
  template.innerHTML = html.trim();
  return template.content;
}

function announce(message) {
  const announcer = document.getElementById('announcer');
  announcer.textContent = '';
  // a fresh text node makes screen readers speak even when the text repeats
  window.setTimeout(() => (announcer.textContent = message), 30);
}

function formatDate(iso) {
  if (!iso) return '';
  return new Date(iso.length === 10 ? iso + 'T00:00:00Z' : iso).toLocaleDateString('fr-FR', {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    timeZone: 'UTC',
  });
}

function plural(count, one, many) {
  return `${count.toLocaleString('fr-FR')} ${count === 1 ? one : many}`;
}

async function graphql(query, variables, signal) {
  const response = await fetch('/graphql', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ query, variables }),
    signal,
  });
  const body = await response.json();
  if (body.errors?.length) throw new Error(body.errors[0].message);
  return body.data;
}

function statusBadge(status) {
  return `<span class="badge ${escapeHtml(status)}">${escapeHtml(STATUS_LABELS[status] ?? status)}</span>`;
}

function conceptLink(concept) {
  return `<a href="/concept/${encodeURIComponent(concept.code)}">${escapeHtml(concept.prefLabel ?? concept.code)}</a>`;
}

function copyButton(value, label) {
  return `<button type="button" class="copy" data-copy="${escapeHtml(value)}" aria-label="Copier ${escapeHtml(label)}">Copier</button>`;
}

function showError(error) {
  main().replaceChildren(
    h(
      `<h1>Une erreur est survenue</h1><p class="error" role="alert">${escapeHtml(error.message)}</p><p><a href="/">Retour à la recherche</a></p>`,
    ),
  );
}

function setTitle(title) {
  document.title = title ? `${title} — Lexique` : 'Lexique — Bordeaux Métropole';
}

/* ---------- search page ---------- */

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

function renderSearchPage() {
  setTitle('');
  const params = new URLSearchParams(window.location.search);
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

  const run = () => {
    window.clearTimeout(state.timer);
    state.timer = window.setTimeout(() => void search(state), SEARCH_DELAY_MS);
  };
  input.addEventListener('input', () => {
    state.query = input.value;
    run();
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
    list.replaceChildren(h(`<li class="error" role="alert">${escapeHtml(error.message)}</li>`));
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
          ? `<p class="snippet">Trouvé dans ${escapeHtml(matchLabel(hit.matchedOn))} : ${safeHighlight(hit.highlight)}</p>`
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

function matchLabel(field) {
  return (
    {
      ACRONYM: 'un sigle',
      CODE: 'le code',
      ALT_LABEL: 'un synonyme',
      HIDDEN_LABEL: 'une variante',
      LEGACY_LABEL: "le libellé d'un ancien système",
      LEGACY_CODE: "le code d'un ancien système",
      DEFINITION: 'la définition',
    }[field] ?? 'la fiche'
  );
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
  if (hit) navigate(`/concept/${encodeURIComponent(hit.concept.code)}`);
}

/* ---------- concept page ---------- */

const CONCEPT_QUERY = `query Fiche($code: String!) {
  concept(code: $code) {
    code status prefLabel en: prefLabel(lang: "en") altLabels acronyms definition scopeNote source version updatedAt
    domain { code label maintainers { name lastChangeAt } }
    broader { code prefLabel } narrower { code prefLabel } related { code prefLabel }
    replacedBy { code prefLabel }
    mappings { localCode localLabel relation validFrom validTo note system { code name owner { name } } }
  }
}`;

async function renderConceptPage(code) {
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
    ['Domaine', `${escapeHtml(c.domain.label)} <span class="code">${escapeHtml(c.domain.code)}</span>`],
    ['Statut', statusBadge(c.status)],
    c.altLabels.length && ['Synonymes', escapeHtml(c.altLabels.join(' · '))],
    c.acronyms.length && ['Sigles', escapeHtml(c.acronyms.join(' · '))],
    c.en && ['En anglais', `<span lang="en">${escapeHtml(c.en)}</span>`],
    c.source && ['Source', escapeHtml(c.source)],
    ['Termes génériques', links(c.broader)],
    ['Termes spécifiques', links(c.narrower)],
    ['Voir aussi', links(c.related)],
    ['Dernière modification', `${escapeHtml(formatDate(c.updatedAt))} (version ${c.version})`],
  ].filter(Boolean);
  main().replaceChildren(
    h(`
    <p><a href="/">← Recherche</a></p>
    <h1>${escapeHtml(c.prefLabel)}</h1>
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
}

function mappingsTable(mappings, caption) {
  if (!mappings.length) return '<p>Aucun système ne correspond encore à ce concept.</p>';
  const validity = (m) =>
    m.validFrom || m.validTo
      ? `${m.validFrom ? 'du ' + formatDate(m.validFrom) : ''} ${m.validTo ? "jusqu'au " + formatDate(m.validTo) + ' (exclu)' : ''}`.trim()
      : 'permanente';
  return `<div class="table-wrap"><table>
    <caption>${escapeHtml(caption)}</caption>
    <thead><tr><th scope="col">Système</th><th scope="col">Code local</th><th scope="col">Libellé local</th><th scope="col">Relation</th><th scope="col">Validité</th></tr></thead>
    <tbody>${mappings
      .map(
        (m) => `<tr>
        <td>${escapeHtml(m.system.name)} <span class="code">${escapeHtml(m.system.code)}</span></td>
        <td><a class="code" href="/system/${encodeURIComponent(m.system.code)}/code/${encodeURIComponent(m.localCode)}">${escapeHtml(m.localCode)}</a>${copyButton(m.localCode, `le code ${m.localCode} de ${m.system.code}`)}</td>
        <td>${escapeHtml(m.localLabel ?? '')}${m.note ? `<br /><span class="count">${escapeHtml(m.note)}</span>` : ''}</td>
        <td>${escapeHtml(RELATION_LABELS[m.relation] ?? m.relation)}</td>
        <td>${escapeHtml(validity(m))}</td>
      </tr>`,
      )
      .join('')}</tbody></table></div>`;
}

/* ---------- legacy code page ---------- */

const LEGACY_QUERY = `query CodeLocal($system: String!, $code: String!) {
  system(code: $system) { code name owner { name } status }
  translate(system: $system, code: $code) {
    found localLabel relation deprecated
    concept { code prefLabel status }
    current { code prefLabel definition mappings { localCode localLabel relation validFrom validTo note system { code name owner { name } } } }
    mapping { note validFrom validTo }
  }
}`;

async function renderLegacyCodePage(systemCode, code) {
  const data = await graphql(LEGACY_QUERY, { system: systemCode, code });
  const t = data.translate;
  const s = data.system;
  setTitle(`${code} (${s.code})`);
  let body;
  if (!t.found) body = `<p>Le code <span class="code">${escapeHtml(code)}</span> n'est pas connu pour ce système.</p>`;
  else if (t.relation === 'UNMAPPED')
    body = `<p>Ce code est connu mais n'a <strong>pas d'équivalent</strong> dans le dictionnaire partagé.</p>${t.mapping?.note ? `<p class="notice">${escapeHtml(t.mapping.note)}</p>` : ''}`;
  else {
    const others = t.current ? t.current.mappings.filter((m) => m.system.code !== s.code) : [];
    body = `
      <dl class="facts">
        <dt>Libellé local</dt><dd>${escapeHtml(t.localLabel ?? '')}</dd>
        <dt>Correspond à</dt><dd>${t.concept ? conceptLink(t.concept) + ' ' + statusBadge(t.concept.status) : '—'} (${escapeHtml(RELATION_LABELS[t.relation])})</dd>
        ${t.deprecated && t.current ? `<dt>Terme actuel</dt><dd>${conceptLink(t.current)}</dd>` : ''}
        ${t.mapping?.note ? `<dt>Note</dt><dd>${escapeHtml(t.mapping.note)}</dd>` : ''}
      </dl>
      ${t.current?.definition ? `<p>${escapeHtml(t.current.definition)}</p>` : ''}
      <h2>Le même concept dans les autres systèmes</h2>
      ${mappingsTable(others, 'Codes des autres systèmes pour le même concept')}`;
  }
  main().replaceChildren(
    h(`<p><a href="/systems">← Systèmes d'information</a></p>
    <h1>Code <span class="code">${escapeHtml(code)}</span>${copyButton(code, 'le code ' + code)} de ${escapeHtml(s.name)}</h1>
    <p class="lead">${escapeHtml(s.code)} · ${escapeHtml(s.owner.name)} · ${escapeHtml(SYSTEM_STATUS_LABELS[s.status])}</p>
    ${body}`),
  );
}

/* ---------- systems overview ---------- */

const SYSTEMS_QUERY = `query Systemes { systems { code name kind status owner { code name } coverage { total unmapped mappedShare } } }`;

async function renderSystemsPage() {
  setTitle("Systèmes d'information");
  const { systems } = await graphql(SYSTEMS_QUERY, {});
  const retired = systems.filter((s) => s.status !== 'ACTIVE').length;
  const total = systems.reduce((sum, s) => sum + s.coverage.total, 0);
  const mapped = systems.reduce((sum, s) => sum + s.coverage.total - s.coverage.unmapped, 0);
  main().replaceChildren(
    h(`
    <h1>Systèmes d'information</h1>
    <p class="lead">Avancement de la mutualisation : ${plural(retired, 'système retiré ou en cours de retrait', 'systèmes retirés ou en cours de retrait')} sur ${systems.length} ; ${mapped.toLocaleString('fr-FR')} codes locaux sur ${total.toLocaleString('fr-FR')} ont un équivalent dans le dictionnaire.</p>
    <div class="table-wrap"><table>
      <caption>Systèmes, propriétaires et couverture des codes</caption>
      <thead><tr><th scope="col">Système</th><th scope="col">Propriétaire</th><th scope="col">Domaine</th><th scope="col">État</th><th scope="col">Codes mis en correspondance</th></tr></thead>
      <tbody>${systems
        .map((s) => {
          const share = Math.round(s.coverage.mappedShare * 100);
          return `<tr>
            <td>${escapeHtml(s.name)}<br /><span class="code">${escapeHtml(s.code)}</span></td>
            <td>${escapeHtml(s.owner.name)}</td>
            <td>${escapeHtml(s.kind)}</td>
            <td>${escapeHtml(SYSTEM_STATUS_LABELS[s.status])}</td>
            <td><progress max="100" value="${share}" aria-hidden="true"></progress> ${share} % (${s.coverage.total - s.coverage.unmapped} sur ${s.coverage.total})</td>
          </tr>`;
        })
        .join('')}</tbody>
    </table></div>`),
  );
}

/* ---------- routing ---------- */

async function route() {
  const path = window.location.pathname;
  document.querySelectorAll('[data-nav]').forEach((link) => link.removeAttribute('aria-current'));
  const mark = (name) => document.querySelector(`[data-nav="${name}"]`)?.setAttribute('aria-current', 'page');
  try {
    let match;
    if ((match = /^\/concept\/([^/]+)$/.exec(path))) await renderConceptPage(decodeURIComponent(match[1]));
    else if ((match = /^\/system\/([^/]+)\/code\/(.+)$/.exec(path)))
      await renderLegacyCodePage(decodeURIComponent(match[1]), decodeURIComponent(match[2]));
    else if (path === '/systems') {
      mark('systems');
      await renderSystemsPage();
    } else {
      mark('search');
      renderSearchPage();
    }
  } catch (error) {
    showError(error);
  }
}

function navigate(url) {
  window.history.pushState(null, '', url);
  void route().then(() => {
    const heading = main().querySelector('h1');
    if (heading) {
      heading.setAttribute('tabindex', '-1');
      heading.focus();
    }
  });
}

document.addEventListener('click', (event) => {
  const copy = event.target.closest('button[data-copy]');
  if (copy) {
    void navigator.clipboard.writeText(copy.dataset.copy).then(
      () => announce(`Copié : ${copy.dataset.copy}`),
      () => announce('La copie a échoué'),
    );
    copy.textContent = 'Copié';
    window.setTimeout(() => (copy.textContent = 'Copier'), 1500);
    return;
  }
  const link = event.target.closest('a[href^="/"]');
  if (!link || link.getAttribute('href').startsWith('/graphql') || event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0)
    return;
  event.preventDefault();
  navigate(link.getAttribute('href'));
});
window.addEventListener('popstate', () => void route());
document.addEventListener('DOMContentLoaded', () => void route());
