import { Gql } from '@lexique/core';
import type { SearchParams, SearchResponse } from 'meilisearch';
import { MeiliConceptDocument } from './meili-document';
import { MeiliGateway } from './meili-gateway';
import { backoffDelay } from './meili-indexer';
import { matchedFieldOf, matchedWords, MeiliSearchEngine } from './meili-search.engine';

const document: MeiliConceptDocument = {
  id: 'c1',
  code: 'ACH-0002',
  domain: 'ACH',
  status: 'PUBLISHED',
  prefLabel: 'Marché public',
  otherPrefLabels: ['Public contract'],
  acronyms: [],
  altLabels: ['Contrat <public>'],
  hiddenLabels: [],
  legacyLabels: ['Marchés'],
  legacyCodes: ['9.1'],
  legacyReferences: ['SI-MER-FIN 9.1'],
  systems: ['SI-MER-FIN'],
  definition: 'Contrat conclu à titre onéreux.',
};

/** Records what the engine asks and answers one hit, as Meilisearch would. */
class OneHitMeilisearch implements Partial<MeiliGateway> {
  asked?: { uid: string; text: string; params: SearchParams };
  search(uid: string, text: string, params: SearchParams): Promise<SearchResponse<MeiliConceptDocument>> {
    this.asked = { uid, text, params };
    return Promise.resolve({
      hits: [
        {
          ...document,
          _rankingScore: 0.97,
          _matchesPosition: { prefLabel: [{ start: 0, length: 7 }], altLabels: [{ start: 0, length: 7, indices: [0] }] },
        },
      ],
      query: text,
      processingTimeMs: 1,
      totalHits: 12,
      hitsPerPage: 20,
      page: 1,
      totalPages: 1,
      facetDistribution: { domain: { ACH: 10, FIN: 2 }, status: { PUBLISHED: 12 }, systems: { 'SI-MER-FIN': 3 } },
    } as SearchResponse<MeiliConceptDocument>);
  }
}

describe('Meilisearch engine', () => {
  it('sends folded words (no phrase or negation operators) with the quoted filter, and maps the answer', async () => {
    const meili = new OneHitMeilisearch();
    const engine = new MeiliSearchEngine(meili as unknown as MeiliGateway, 'concepts');
    const result = await engine.search({
      text: '"Marché" -publc',
      domains: ['ACH" OR status = "DRAFT'],
      scope: { publicStatuses: ['PUBLISHED', 'DEPRECATED'], unpublishedStatuses: [], unpublishedDomains: [] },
      limit: 20,
      offset: 0,
    });
    expect(meili.asked).toMatchObject({
      uid: 'concepts',
      text: 'marche publc',
      params: {
        filter: 'status IN ["PUBLISHED", "DEPRECATED"] AND domain IN ["ACH\\" OR status = \\"DRAFT"]',
        hitsPerPage: 20,
        page: 1,
        facets: ['domain', 'status', 'systems'],
      },
    });
    expect(result.total).toBe(12);
    expect(result.hits).toEqual([
      { conceptId: 'c1', score: 0.97, matchedOn: Gql.MatchField.PREF_LABEL, highlight: '<mark>Marché</mark> <mark>public</mark>' },
    ]);
    expect(result.facets.domains).toEqual([
      { value: 'ACH', count: 10 },
      { value: 'FIN', count: 2 },
    ]);
  });

  it('says which field matched best, in ranking order', () => {
    expect(matchedFieldOf({ definition: [{ start: 0, length: 3 }], legacyCodes: [{ start: 0, length: 3 }] })).toBe(
      Gql.MatchField.LEGACY_CODE,
    );
    expect(matchedFieldOf({ acronyms: [{ start: 0, length: 3 }], altLabels: [{ start: 0, length: 3 }] })).toBe(Gql.MatchField.ACRONYM);
    expect(matchedFieldOf(undefined)).toBe(Gql.MatchField.DEFINITION);
  });

  it('reads matched words from byte positions, accents included', () => {
    expect(matchedWords(document, { prefLabel: [{ start: 0, length: 7 }], legacyLabels: [{ start: 0, length: 8, indices: [0] }] })).toEqual(
      ['marche', 'marches'],
    );
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { baseDelayMs: 200, maxDelayMs: 5000 }))).toEqual([
      200, 400, 800, 1600, 3200, 5000,
    ]);
  });
});
