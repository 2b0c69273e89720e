// Un domaine: its concepts, the downloads, and for its stewards "Nouveau concept".

import { escapeHtml, h, main, plural, setTitle } from '../lib/dom.js';
import { graphql } from '../lib/graphql.js';
import { mayWrite } from '../lib/session.js';
import { statusBadge } from '../components/concepts.js';
import { exportLinks } from '../components/export-links.js';

const PAGE = 100;
const DOMAIN_QUERY = `query Domaine($code: String!, $first: Int!, $after: String) {
  domain(code: $code) { code label description conceptCount requiresReview }
  concepts(filter: { domain: $code }, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor }
    edges { node { code prefLabel status acronyms } }
  }
}`;

export async function renderDomain({ code }, params) {
  const { domain: d, concepts } = await graphql(DOMAIN_QUERY, { code, first: PAGE, after: params.get('apres') });
  if (!d) {
    setTitle('Domaine introuvable');
    main().replaceChildren(h(`<h1>Domaine introuvable</h1><p><a href="/">Retour à la recherche</a></p>`));
    return;
  }
  setTitle(d.label);
  const steward = mayWrite(d.code);
  main().replaceChildren(
    h(`<h1>${escapeHtml(d.label)} <span class="code">${escapeHtml(d.code)}</span></h1>
    ${d.description ? `<p class="lead">${escapeHtml(d.description)}</p>` : ''}
    <p>${plural(d.conceptCount, 'concept', 'concepts')}${d.requiresReview ? ' ; toute publication est relue par un second référent.' : '.'}</p>
    ${steward ? `<p><a class="button" href="/nouveau-concept?domaine=${encodeURIComponent(d.code)}">Nouveau concept</a></p>` : ''}
    <div class="table-wrap"><table>
      <caption>Concepts du domaine, par code</caption>
      <thead><tr><th scope="col">Code</th><th scope="col">Libellé</th><th scope="col">Statut</th></tr></thead>
      <tbody>${concepts.edges
        .map(
          ({ node: c }) =>
            `<tr><td><span class="code">${escapeHtml(c.code)}</span></td><td><a href="/concept/${encodeURIComponent(c.code)}">${escapeHtml(c.prefLabel)}</a>${c.acronyms.length ? ` <span class="count">(${escapeHtml(c.acronyms.join(', '))})</span>` : ''}</td><td>${statusBadge(c.status)}</td></tr>`,
        )
        .join('')}</tbody>
    </table></div>
    ${concepts.pageInfo.hasNextPage ? `<p><a href="/domaine/${encodeURIComponent(d.code)}?apres=${encodeURIComponent(concepts.pageInfo.endCursor)}">Concepts suivants</a></p>` : ''}
    ${exportLinks(
      'Télécharger le vocabulaire',
      [
        { label: 'Tableur (CSV)', href: `/export/concepts/${encodeURIComponent(d.code)}.csv` },
        { label: 'SKOS Turtle', href: `/export/concepts/${encodeURIComponent(d.code)}.ttl` },
        { label: 'SKOS JSON-LD', href: `/export/concepts/${encodeURIComponent(d.code)}.jsonld` },
      ],
      steward ? 'Les brouillons et concepts en relecture du domaine sont inclus.' : 'Les concepts publiés et obsolètes.',
    )}`),
  );
}
