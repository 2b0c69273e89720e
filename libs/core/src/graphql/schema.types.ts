
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */

export enum Role {
    READER = "READER",
    INTEGRATOR = "INTEGRATOR",
    STEWARD = "STEWARD",
    ADMIN = "ADMIN"
}

export enum PrincipalKind {
    USER = "USER",
    API_KEY = "API_KEY",
    SYSTEM = "SYSTEM",
    ANONYMOUS = "ANONYMOUS"
}

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

export enum FileCharset {
    UTF_8 = "UTF_8",
    WINDOWS_1252 = "WINDOWS_1252"
}

export enum ImportOutcome {
    CREATED = "CREATED",
    UPDATED = "UPDATED",
    UNCHANGED = "UNCHANGED",
    PROPOSED = "PROPOSED",
    REFUSED = "REFUSED"
}

export enum ImportEntity {
    DOMAIN = "DOMAIN",
    CONCEPT = "CONCEPT",
    SYSTEM = "SYSTEM",
    MAPPING = "MAPPING"
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

export enum NotificationDecision {
    APPROVED = "APPROVED",
    REJECTED = "REJECTED",
    REVISION_APPROVED = "REVISION_APPROVED",
    REVISION_REJECTED = "REVISION_REJECTED"
}

export enum ReviewItemKind {
    NEW_CONCEPT = "NEW_CONCEPT",
    CONCEPT_REVISION = "CONCEPT_REVISION",
    NEW_MAPPING = "NEW_MAPPING",
    MAPPING_REVISION = "MAPPING_REVISION"
}

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

export enum ChangeEntity {
    DOMAIN = "DOMAIN",
    CONCEPT = "CONCEPT",
    SYSTEM = "SYSTEM",
    MAPPING = "MAPPING"
}

export enum ConceptStatus {
    DRAFT = "DRAFT",
    IN_REVIEW = "IN_REVIEW",
    PUBLISHED = "PUBLISHED",
    DEPRECATED = "DEPRECATED"
}

export interface CreateApiKeyInput {
    name: string;
    roles: Role[];
    stewardDomains?: Nullable<string[]>;
}

export interface ImportFileInput {
    fileName: string;
    format?: Nullable<InterchangeFormat>;
    content: string;
    encoding?: Nullable<FileEncoding>;
    charset?: Nullable<FileCharset>;
    domain?: Nullable<string>;
    system?: Nullable<string>;
    dryRun?: Nullable<boolean>;
    submit?: Nullable<boolean>;
}

export interface MappingInput {
    id?: Nullable<string>;
    system: string;
    localCode: string;
    localLabel?: Nullable<string>;
    relation?: Nullable<MappingRelation>;
    concept?: Nullable<string>;
    validFrom?: Nullable<Date>;
    validTo?: Nullable<Date>;
    note?: Nullable<string>;
    justification?: Nullable<string>;
    confidence?: Nullable<number>;
}

export interface MappingItemInput {
    mapping: MappingInput;
    version?: Nullable<number>;
}

export interface SearchFilter {
    domains?: Nullable<string[]>;
    statuses?: Nullable<ConceptStatus[]>;
    systems?: Nullable<string[]>;
}

export interface LocalizedTextInput {
    fr?: Nullable<string>;
    en?: Nullable<string>;
}

export interface LocalizedTextsInput {
    fr?: Nullable<string[]>;
    en?: Nullable<string[]>;
}

export interface CreateConceptInput {
    domain: string;
    code: string;
    prefLabel: LocalizedTextInput;
    altLabels?: Nullable<LocalizedTextsInput>;
    hiddenLabels?: Nullable<string[]>;
    acronyms?: Nullable<string[]>;
    definition?: Nullable<LocalizedTextInput>;
    scopeNote?: Nullable<LocalizedTextInput>;
    source?: Nullable<string>;
    broader?: Nullable<string[]>;
    related?: Nullable<string[]>;
}

export interface UpdateConceptInput {
    code?: Nullable<string>;
    prefLabel?: Nullable<LocalizedTextInput>;
    altLabels?: Nullable<LocalizedTextsInput>;
    hiddenLabels?: Nullable<string[]>;
    acronyms?: Nullable<string[]>;
    definition?: Nullable<LocalizedTextInput>;
    scopeNote?: Nullable<LocalizedTextInput>;
    source?: Nullable<string>;
    broader?: Nullable<string[]>;
    related?: Nullable<string[]>;
}

export interface CreateDomainInput {
    code: string;
    label: LocalizedTextInput;
    description?: Nullable<LocalizedTextInput>;
    requiresReview?: Nullable<boolean>;
}

export interface UpdateDomainInput {
    label?: Nullable<LocalizedTextInput>;
    description?: Nullable<LocalizedTextInput>;
    requiresReview?: Nullable<boolean>;
}

export interface ConceptVersionInput {
    code: string;
    version: number;
}

export interface CreateSystemInput {
    code: string;
    name: string;
    kind: string;
    owner: string;
    ownerName: string;
    description?: Nullable<LocalizedTextInput>;
    status?: Nullable<SystemStatus>;
    activeSince?: Nullable<Date>;
}

export interface UpdateSystemInput {
    name?: Nullable<string>;
    kind?: Nullable<string>;
    owner?: Nullable<string>;
    ownerName?: Nullable<string>;
    description?: Nullable<LocalizedTextInput>;
    status?: Nullable<SystemStatus>;
    activeSince?: Nullable<Date>;
    retiringSince?: Nullable<Date>;
    retiredOn?: Nullable<Date>;
}

export interface ConceptFilter {
    domain?: Nullable<string>;
    statuses?: Nullable<ConceptStatus[]>;
}

export interface Principal {
    id: string;
    name: string;
    kind: PrincipalKind;
    roles: Role[];
    stewardDomains: string[];
}

export interface ApiKey {
    prefix: string;
    name: string;
    roles: Role[];
    stewardDomains: string[];
    createdBy: string;
    createdAt: DateTime;
    lastUsedAt?: Nullable<DateTime>;
    revokedAt?: Nullable<DateTime>;
}

export interface CreatedApiKey {
    apiKey: ApiKey;
    secret: string;
}

export interface IQuery {
    me(): Principal | Promise<Principal>;
    apiKeys(includeRevoked?: Nullable<boolean>): ApiKey[] | Promise<ApiKey[]>;
    serviceVersion(): string | Promise<string>;
    mappingsAwaitingReview(system?: Nullable<string>, first?: Nullable<number>): Mapping[] | Promise<Mapping[]>;
    systems(status?: Nullable<SystemStatus[]>): InformationSystem[] | Promise<InformationSystem[]>;
    system(code: string): Nullable<InformationSystem> | Promise<Nullable<InformationSystem>>;
    translate(system: string, code: string, at?: Nullable<Date>): Translation | Promise<Translation>;
    translateBatch(system: string, codes: string[], at?: Nullable<Date>): Translation[] | Promise<Translation[]>;
    crosswalk(from: string, code: string, to: string, at?: Nullable<Date>): Crosswalk | Promise<Crosswalk>;
    myNotifications(first?: Nullable<number>): Notification[] | Promise<Notification[]>;
    reviewQueue(domains?: Nullable<string[]>, first?: Nullable<number>, after?: Nullable<string>): ReviewQueueConnection | Promise<ReviewQueueConnection>;
    search(query: string, filter?: Nullable<SearchFilter>, first?: Nullable<number>, offset?: Nullable<number>): SearchResult | Promise<SearchResult>;
    history(key: string, entity?: Nullable<ChangeEntity>): Change[] | Promise<Change[]>;
    changes(after?: Nullable<string>, first?: Nullable<number>, domains?: Nullable<string[]>): ChangeConnection | Promise<ChangeConnection>;
    domains(): Domain[] | Promise<Domain[]>;
    domain(code: string): Nullable<Domain> | Promise<Nullable<Domain>>;
    concept(code?: Nullable<string>, id?: Nullable<string>): Nullable<Concept> | Promise<Nullable<Concept>>;
    concepts(filter?: Nullable<ConceptFilter>, first?: Nullable<number>, after?: Nullable<string>): ConceptConnection | Promise<ConceptConnection>;
    nextConceptCode(domain: string): string | Promise<string>;
    mappingsOfCode(system: string, localCode: string): Mapping[] | Promise<Mapping[]>;
}

export interface IMutation {
    createApiKey(input: CreateApiKeyInput): CreatedApiKey | Promise<CreatedApiKey>;
    revokeApiKey(prefix: string): ApiKey | Promise<ApiKey>;
    importFile(input: ImportFileInput): ImportReport | Promise<ImportReport>;
    upsertMapping(input: MappingInput, version?: Nullable<number>, reason?: Nullable<string>): Mapping | Promise<Mapping>;
    upsertMappings(inputs: MappingItemInput[], reason?: Nullable<string>): MappingBatchResult | Promise<MappingBatchResult>;
    submitMapping(system: string, localCode: string, version: number, id?: Nullable<string>, reason?: Nullable<string>): Mapping | Promise<Mapping>;
    approveMapping(system: string, localCode: string, version: number, id?: Nullable<string>, reason?: Nullable<string>): Mapping | Promise<Mapping>;
    rejectMapping(system: string, localCode: string, version: number, reason: string, id?: Nullable<string>): Mapping | Promise<Mapping>;
    deleteMapping(system: string, localCode: string, version: number, id?: Nullable<string>, reason?: Nullable<string>): Mapping | Promise<Mapping>;
    createConcept(input: CreateConceptInput, reason?: Nullable<string>): Concept | Promise<Concept>;
    updateConcept(code: string, version: number, input: UpdateConceptInput, reason?: Nullable<string>): Concept | Promise<Concept>;
    submitConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    approveConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    rejectConcept(code: string, version: number, reason: string): Concept | Promise<Concept>;
    deprecateConcept(code: string, version: number, replacedBy?: Nullable<string>, reason?: Nullable<string>): Concept | Promise<Concept>;
    restoreConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    submitConcepts(items: ConceptVersionInput[], reason?: Nullable<string>): Concept[] | Promise<Concept[]>;
    approveConcepts(items: ConceptVersionInput[], reason?: Nullable<string>): Concept[] | Promise<Concept[]>;
    rejectConcepts(items: ConceptVersionInput[], reason: string): Concept[] | Promise<Concept[]>;
    createDomain(input: CreateDomainInput, reason?: Nullable<string>): Domain | Promise<Domain>;
    updateDomain(code: string, version: number, input: UpdateDomainInput, reason?: Nullable<string>): Domain | Promise<Domain>;
    createSystem(input: CreateSystemInput, reason?: Nullable<string>): InformationSystem | Promise<InformationSystem>;
    updateSystem(code: string, version: number, input: UpdateSystemInput, reason?: Nullable<string>): InformationSystem | Promise<InformationSystem>;
}

export interface PageInfo {
    hasNextPage: boolean;
    hasPreviousPage: boolean;
    startCursor?: Nullable<string>;
    endCursor?: Nullable<string>;
}

export interface ImportProblem {
    line?: Nullable<number>;
    subject?: Nullable<string>;
    field: string;
    reason: string;
    message: string;
    values?: Nullable<JSON>;
}

export interface ImportCounts {
    created: number;
    updated: number;
    unchanged: number;
    proposed: number;
}

export interface ImportRow {
    line?: Nullable<number>;
    subject?: Nullable<string>;
    entity: ImportEntity;
    key: string;
    outcome: ImportOutcome;
    status?: Nullable<string>;
    reasons: string[];
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
    outcomes: ImportRow[];
}

export interface MappingItemError {
    index: number;
    code: string;
    reason: string;
    field?: Nullable<string>;
    message: string;
    currentVersion?: Nullable<number>;
}

export interface MappingBatchResult {
    applied: boolean;
    created: number;
    updated: number;
    proposed: number;
    unchanged: number;
    errors: MappingItemError[];
}

export interface MappingRevision {
    id: string;
    author: string;
    reason?: Nullable<string>;
    proposed: JSON;
    changes: FieldChange[];
}

export interface Mapping {
    version: number;
    pendingRevision?: Nullable<MappingRevision>;
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
    version: number;
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
    pendingRevision?: Nullable<ConceptRevision>;
    history: Change[];
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

export interface Notification {
    at: DateTime;
    entity: ChangeEntity;
    key: string;
    label?: Nullable<string>;
    domain?: Nullable<string>;
    decision: NotificationDecision;
    reason?: Nullable<string>;
    by: string;
}

export interface Change {
    principalName?: Nullable<string>;
    sequence: string;
    at: DateTime;
    principal: string;
    entity: ChangeEntity;
    entityId: string;
    key: string;
    domain?: Nullable<string>;
    action: string;
    reason?: Nullable<string>;
    before?: Nullable<JSON>;
    after?: Nullable<JSON>;
    changes: FieldChange[];
}

export interface ReviewItem {
    kind: ReviewItemKind;
    key: string;
    domain?: Nullable<string>;
    author?: Nullable<string>;
    since: DateTime;
    version: number;
    reason?: Nullable<string>;
    changes: FieldChange[];
    mayApprove: boolean;
    concept?: Nullable<Concept>;
    mapping?: Nullable<Mapping>;
}

export interface ReviewItemEdge {
    cursor: string;
    node: ReviewItem;
}

export interface ReviewQueueDomain {
    domain?: Nullable<string>;
    count: number;
    oldestSince: DateTime;
}

export interface ReviewQueueConnection {
    totalCount: number;
    domains: ReviewQueueDomain[];
    edges: ReviewItemEdge[];
    pageInfo: PageInfo;
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
    totalIsEstimate: boolean;
    tookMs: number;
    engine: string;
    degraded: boolean;
    hits: SearchHit[];
    facets: SearchFacets;
}

export interface FieldChange {
    field: string;
    before?: Nullable<JSON>;
    after?: Nullable<JSON>;
}

export interface ConceptRevision {
    id: string;
    author: string;
    reason?: Nullable<string>;
    createdAt: DateTime;
    updatedAt: DateTime;
    proposed: JSON;
    changes: FieldChange[];
}

export interface Domain {
    version: number;
    code: string;
    label?: Nullable<string>;
    description?: Nullable<string>;
    labelLanguages: string[];
    requiresReview: boolean;
    conceptCount: number;
    maintainers: Maintainer[];
}

export interface ChangeEdge {
    cursor: string;
    node: Change;
}

export interface ChangeConnection {
    edges: ChangeEdge[];
    pageInfo: PageInfo;
}

export interface Maintainer {
    name: string;
    lastChangeAt: DateTime;
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
export type JSON = unknown;
type Nullable<T> = T | null;
