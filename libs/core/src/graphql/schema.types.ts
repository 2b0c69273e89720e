
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */

export enum InterchangeFormat {
    SKOS_TURTLE = "SKOS_TURTLE",
    SKOS_JSONLD = "SKOS_JSONLD",
    CONCEPTS_CSV = "CONCEPTS_CSV",
    SSSOM_TSV = "SSSOM_TSV",
    MAPPINGS_CSV = "MAPPINGS_CSV",
    SYSTEMS_CSV = "SYSTEMS_CSV"
}

export enum FileEncoding {
    TEXT = "TEXT",
    BASE64 = "BASE64"
}

export enum SystemStatus {
    ACTIVE = "ACTIVE",
    RETIRING = "RETIRING",
    RETIRED = "RETIRED"
}

export enum MappingRelation {
    EXACT = "EXACT",
    CLOSE = "CLOSE",
    BROAD = "BROAD",
    NARROW = "NARROW",
    RELATED = "RELATED",
    UNMAPPED = "UNMAPPED"
}

export enum MappingStatus {
    DRAFT = "DRAFT",
    IN_REVIEW = "IN_REVIEW",
    PUBLISHED = "PUBLISHED"
}

export enum ConceptStatus {
    DRAFT = "DRAFT",
    IN_REVIEW = "IN_REVIEW",
    PUBLISHED = "PUBLISHED",
    DEPRECATED = "DEPRECATED"
}

export interface ImportFileInput {
    fileName: string;
    format?: Nullable<InterchangeFormat>;
    content: string;
    encoding?: Nullable<FileEncoding>;
    domain?: Nullable<string>;
    system?: Nullable<string>;
    dryRun?: Nullable<boolean>;
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
    systems(status?: Nullable<SystemStatus[]>): InformationSystem[] | Promise<InformationSystem[]>;
    system(code: string): Nullable<InformationSystem> | Promise<Nullable<InformationSystem>>;
    translate(system: string, code: string, at?: Nullable<Date>): Translation | Promise<Translation>;
    translateBatch(system: string, codes: string[], at?: Nullable<Date>): Translation[] | Promise<Translation[]>;
    crosswalk(from: string, code: string, to: string, at?: Nullable<Date>): Crosswalk | Promise<Crosswalk>;
    domains(): Domain[] | Promise<Domain[]>;
    domain(code: string): Nullable<Domain> | Promise<Nullable<Domain>>;
    concept(code?: Nullable<string>, id?: Nullable<string>): Nullable<Concept> | Promise<Nullable<Concept>>;
    concepts(filter?: Nullable<ConceptFilter>, first?: Nullable<number>, after?: Nullable<string>): ConceptConnection | Promise<ConceptConnection>;
}

export interface ImportProblem {
    line?: Nullable<number>;
    subject?: Nullable<string>;
    field: string;
    message: string;
}

export interface ImportCounts {
    created: number;
    updated: number;
    unchanged: number;
}

export interface ImportReport {
    fileName: string;
    format: InterchangeFormat;
    dryRun: boolean;
    applied: boolean;
    rows: number;
    domains: ImportCounts;
    concepts: ImportCounts;
    systems: ImportCounts;
    mappings: ImportCounts;
    sentToReview: number;
    problems: ImportProblem[];
    problemCount: number;
}

export interface IMutation {
    importFile(input: ImportFileInput): ImportReport | Promise<ImportReport>;
}

export interface Owner {
    code: string;
    name: string;
    concept?: Nullable<Concept>;
}

export interface MappingCoverage {
    total: number;
    exact: number;
    close: number;
    broad: number;
    narrow: number;
    related: number;
    unmapped: number;
    mappedShare: number;
}

export interface InformationSystem {
    code: string;
    name: string;
    kind: string;
    owner: Owner;
    status: SystemStatus;
    description?: Nullable<string>;
    activeSince?: Nullable<Date>;
    retiringSince?: Nullable<Date>;
    retiredOn?: Nullable<Date>;
    coverage: MappingCoverage;
    mappings: MappingConnection;
}

export interface Mapping {
    id: string;
    system: InformationSystem;
    localCode: string;
    localLabel?: Nullable<string>;
    relation: MappingRelation;
    concept?: Nullable<Concept>;
    validFrom?: Nullable<Date>;
    validTo?: Nullable<Date>;
    note?: Nullable<string>;
    status: MappingStatus;
    justification: string;
    confidence?: Nullable<number>;
    author?: Nullable<string>;
    reviewer?: Nullable<string>;
}

export interface MappingEdge {
    cursor: string;
    node: Mapping;
}

export interface MappingConnection {
    totalCount: number;
    edges: MappingEdge[];
    pageInfo: PageInfo;
}

export interface Translation {
    system: string;
    code: string;
    found: boolean;
    localLabel?: Nullable<string>;
    relation?: Nullable<MappingRelation>;
    concept?: Nullable<Concept>;
    deprecated: boolean;
    current?: Nullable<Concept>;
    mapping?: Nullable<Mapping>;
}

export interface Crosswalk {
    source: Translation;
    targets: Mapping[];
}

export interface Concept {
    mappings: Mapping[];
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

export interface Domain {
    code: string;
    label?: Nullable<string>;
    description?: Nullable<string>;
    labelLanguages: string[];
    requiresReview: boolean;
    conceptCount: number;
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
