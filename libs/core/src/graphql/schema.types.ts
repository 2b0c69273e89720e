
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */

export enum MatchField {
    PREF_LABEL = "PREF_LABEL",
    ACRONYM = "ACRONYM",
    CODE = "CODE",
    ALT_LABEL = "ALT_LABEL",
    HIDDEN_LABEL = "HIDDEN_LABEL",
    LEGACY_LABEL = "LEGACY_LABEL",
    LEGACY_CODE = "LEGACY_CODE",
    DEFINITION = "DEFINITION"
}

export enum ConceptStatus {
    DRAFT = "DRAFT",
    IN_REVIEW = "IN_REVIEW",
    PUBLISHED = "PUBLISHED",
    DEPRECATED = "DEPRECATED"
}

export interface SearchFilter {
    domains?: Nullable<string[]>;
    statuses?: Nullable<ConceptStatus[]>;
    systems?: Nullable<string[]>;
}

export interface ConceptFilter {
    domain?: Nullable<string>;
    statuses?: Nullable<ConceptStatus[]>;
}

export interface PageInfo {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: Nullable<string>;
    endCursor?: Nullable<string>;
}

export interface IQuery {
    serviceVersion(): string | Promise<string>;
    search(query: string, filter?: Nullable<SearchFilter>, first?: Nullable<number>, offset?: Nullable<number>): SearchResult | Promise<SearchResult>;
    domains(): Domain[] | Promise<Domain[]>;
    domain(code: string): Nullable<Domain> | Promise<Nullable<Domain>>;
    concept(code?: Nullable<string>, id?: Nullable<string>): Nullable<Concept> | Promise<Nullable<Concept>>;
    concepts(filter?: Nullable<ConceptFilter>, first?: Nullable<number>, after?: Nullable<string>): ConceptConnection | Promise<ConceptConnection>;
}

export interface FacetCount {
    value: string;
    count: number;
}

export interface SearchFacets {
    domains: FacetCount[];
    statuses: FacetCount[];
    systems: FacetCount[];
}

export interface SearchHit {
    concept: Concept;
    score: number;
    matchedOn: MatchField;
    highlight?: Nullable<string>;
}

export interface SearchResult {
    total: number;
    tookMs: number;
    engine: string;
    hits: SearchHit[];
    facets: SearchFacets;
}

export interface Domain {
    code: string;
    label?: Nullable<string>;
    description?: Nullable<string>;
    labelLanguages: string[];
    requiresReview: boolean;
    conceptCount: number;
}

export interface Concept {
    id: string;
    code: string;
    domain: Domain;
    status: ConceptStatus;
    prefLabel?: Nullable<string>;
    altLabels: string[];
    acronyms: string[];
    definition?: Nullable<string>;
    scopeNote?: Nullable<string>;
    source?: Nullable<string>;
    broader: Concept[];
    narrower: Concept[];
    related: Concept[];
    replacedBy?: Nullable<Concept>;
    version: number;
    createdAt: DateTime;
    updatedAt: DateTime;
}

export interface ConceptEdge {
    cursor: string;
    node: Concept;
}

export interface ConceptConnection {
    totalCount: number;
    edges: ConceptEdge[];
    pageInfo: PageInfo;
}

export type DateTime = Date;
type Nullable<T> = T | null;
