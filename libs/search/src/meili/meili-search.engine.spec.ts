import { Gql } from '@lexique/core';
import type { SearchResponse } from 'meilisearch';
import { SearchQuery } from '../search-engine';
import { MeiliConceptDocument, toMeiliDocument } from './meili-document';
import { backoffDelay } from './meili-indexer';
import { meiliRequest, meiliResult } from './meili-search.engine';

const reader = { publicStatuses: ['PUBLISHED', 'DEPRECATED'], unpublishedStatuses: [], unpublishedDomains: [] as string[] };
const query = (text: string, extra: Partial<SearchQuery> = {}): SearchQuery => ({ text, scope: reader, limit: 20, offset: 0, ...extra });

const marchePublic: MeiliConceptDocument = toMeiliDocument({
  concept_id: 'c1',
  code: 'ACH-0002',
  domain_code: 'ACH',
  status: 'PUBLISHED',
  pref_label: 'Marché public',
  labels_en: ['Public contract'],
  acronyms: [],
  alt_labels: ['Contrat <public>'],
  hidden_labels: ['marcher public'],
  legacy_labels: ['Marchés'],
  legacy_codes: ['SI-MER-FIN 9.1'],
  systems: ['SI-MER-FIN'],
  definition: 'Contrat conclu à titre onéreux.',
});

/** Meilisearch's answer as its API documents it (no server involved: the mapping is pure). */
function answer(hits: Partial<MeiliConceptDocument>[], facets?: Record<string, Record<string, number>>) {
  return {
    hits: hits.map((hit) => ({ ...hit, _rankingScore: 0.97 })),
    query: '',
    processingTimeMs: 1,
    limit: 20,
    offset: 0,
    estimatedTotalHits: 40,
    ...(facets ? { facetDistribution: facets } : {}),
  } as unknown as SearchResponse<MeiliConceptDocument>;
}

describe('Meilisearch engine', () => {
  it('sends the query folded as typed (no phrase or negation operator reaches Meilisearch) with the quoted filter, whole labels first', () => {
    const request = meiliRequest(query('"Marchés" -publcs', { domains: ['ACH" OR status = "DRAFT'] }), 'concepts')!;
    const filter = 'status IN ["PUBLISHED", "DEPRECATED"] AND domain IN ["ACH\\" OR status = \\"DRAFT"]';
    const common = { indexUid: 'concepts', q: 'marches publcs', matchingStrategy: 'all', showRankingScore: true };
    expect(request.queries).toEqual([
      { ...common, filter: `${filter} AND keys = "marche publc"`, limit: 10, attributesToRetrieve: ['id', 'code', 'search', 'shown'] },
      { ...common, filter, limit: 30, facets: ['domain', 'status', 'systems'], attributesToRetrieve: ['id', 'code', 'search', 'shown'] },
    ]);
    expect(meiliRequest(query('€€ ¿'), 'concepts')).toBeNull();
    expect(
      meiliRequest(query('budget', { scope: { publicStatuses: [], unpublishedStatuses: [], unpublishedDomains: [] } }), 'concepts'),
    ).toBeNull();
  });

  it('asks only for what the caller needs: the status counts for a total, the ids alone without match details', () => {
    const [, lean] = meiliRequest(query('budget', { needs: { total: true, facets: false, matchDetails: false } }), 'concepts')!.queries;
    expect(lean).toMatchObject({ facets: ['status'], attributesToRetrieve: ['id'] });
    const [, leaner] = meiliRequest(query('budget', { needs: { total: false, facets: false, matchDetails: false } }), 'concepts')!.queries;
    expect(leaner.facets).toBeUndefined();
  });

  it('puts the concepts equal to the query first, pages after, and counts the total exactly from the status facet', () => {
    const ids = (n: number, from = 0) => Array.from({ length: n }, (_, i) => ({ id: `c${from + i}` }));
    const result = meiliResult(query('marche', { limit: 3, offset: 1 }), [
      answer([{ id: 'c7' }]),
      answer([...ids(7), { id: 'c7' }], { domain: { ACH: 10, FIN: 2 }, status: { PUBLISHED: 11, DEPRECATED: 1 } }),
    ]);
    expect(result.hits.map((hit) => hit.conceptId)).toEqual(['c0', 'c1', 'c2']);
    expect(result).toMatchObject({ total: 12, totalIsEstimate: false });
    expect(result.facets.domains).toEqual([
      { value: 'ACH', count: 10 },
      { value: 'FIN', count: 2 },
    ]);
    const first = meiliResult(query('marche', { needs: { total: false, facets: false, matchDetails: false } }), [
      answer([{ id: 'c7' }]),
      answer([...ids(3), { id: 'c7' }]),
    ]);
    expect(first).toMatchObject({ total: 40, totalIsEstimate: true });
    expect(first.hits.map((hit) => [hit.conceptId, hit.highlight])).toEqual([
      ['c7', null],
      ['c0', null],
      ['c1', null],
      ['c2', null],
    ]);
  });

  it('says what matched, with its highlight; never shows a hidden label, and tells a legacy code from a label', () => {
    const matched = (q: string) => meiliResult(query(q), [answer([]), answer([marchePublic])]).hits[0];
    expect(matched('marche publc')).toEqual({
      conceptId: 'c1',
      score: 0.97,
      matchedOn: Gql.MatchField.PREF_LABEL,
      highlight: '<mark>Marché</mark> <mark>public</mark>',
    });
    expect(matched('marcher public')).toMatchObject({ matchedOn: Gql.MatchField.HIDDEN_LABEL, highlight: null });
    expect(matched('9.1')).toMatchObject({ matchedOn: Gql.MatchField.LEGACY_CODE, highlight: 'SI-MER-FIN <mark>9</mark>.<mark>1</mark>' });
  });

  it('backs off exponentially up to a ceiling', () => {
    expect([1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, { baseDelayMs: 200, maxDelayMs: 5000 }))).toEqual([
      200, 400, 800, 1600, 3200, 5000,
    ]);
  });
});
