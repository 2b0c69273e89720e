import type { Gql } from '@lexique/core';

export type MatchField = Gql.MatchField;

export interface FacetCount {
  value: string;
  count: number;
}

/**
 * Which statuses a search may return: the requested public ones, plus the
 * requested unpublished ones in the domains the caller may see them in
 * (`'all'` for admins).
 */
export interface StatusScope {
  publicStatuses: string[];
  unpublishedStatuses: string[];
  unpublishedDomains: readonly string[] | 'all';
}

/** What the caller asked for besides the hits' concepts: an engine may leave out the rest. */
export interface SearchNeeds {
  total: boolean;
  facets: boolean;
  /** `matchedOn` and `highlight` of the hits. */
  matchDetails: boolean;
}

export const EVERYTHING: SearchNeeds = { total: true, facets: true, matchDetails: true };

/** A validated search, as every engine receives it. */
export interface SearchQuery {
  /** The query as typed, trimmed. */
  text: string;
  domains?: string[];
  systems?: string[];
  scope: StatusScope;
  limit: number;
  offset: number;
  /** Everything when absent. */
  needs?: SearchNeeds;
}

export interface EngineHit {
  conceptId: string;
  score: number;
  matchedOn: MatchField;
  /** HTML-escaped text with matches wrapped in <mark>; null when what matched is never shown (hidden labels). */
  highlight: string | null;
}

export interface EngineResult {
  total: number;
  /** True when `total` (and the facet counts) are estimated rather than counted. */
  totalIsEstimate: boolean;
  hits: EngineHit[];
  facets: { domains: FacetCount[]; statuses: FacetCount[]; systems: FacetCount[] };
}

/** The search port: the PostgreSQL engine by default, Meilisearch when MEILI_HOST is set. */
export interface SearchEngine {
  readonly name: 'postgresql' | 'meilisearch';
  search(query: SearchQuery): Promise<EngineResult>;
}

export const SEARCH_ENGINE = Symbol('SEARCH_ENGINE');
