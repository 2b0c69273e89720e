
/*
 * -------------------------------------------------------
 * THIS FILE WAS AUTOMATICALLY GENERATED (DO NOT MODIFY)
 * -------------------------------------------------------
 */

/* tslint:disable */
/* eslint-disable */

/* Generated from schema/*.graphql by `npm run schema:types`. Do not edit. */

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
    history(key: string, entity?: Nullable<ChangeEntity>): Change[] | Promise<Change[]>;
    changes(after?: Nullable<string>, first?: Nullable<number>, domains?: Nullable<string[]>): ChangeConnection | Promise<ChangeConnection>;
    domains(): Domain[] | Promise<Domain[]>;
    domain(code: string): Nullable<Domain> | Promise<Nullable<Domain>>;
    concept(code?: Nullable<string>, id?: Nullable<string>): Nullable<Concept> | Promise<Nullable<Concept>>;
    concepts(filter?: Nullable<ConceptFilter>, first?: Nullable<number>, after?: Nullable<string>): ConceptConnection | Promise<ConceptConnection>;
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

export interface Concept {
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

export interface Domain {
    version: number;
    code: string;
    label?: Nullable<string>;
    description?: Nullable<string>;
    labelLanguages: string[];
    requiresReview: boolean;
    conceptCount: number;
}

export interface Change {
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

export interface ChangeEdge {
    cursor: string;
    node: Change;
}

export interface ChangeConnection {
    edges: ChangeEdge[];
    pageInfo: PageInfo;
}

export interface IMutation {
    createConcept(input: CreateConceptInput, reason?: Nullable<string>): Concept | Promise<Concept>;
    updateConcept(code: string, version: number, input: UpdateConceptInput, reason?: Nullable<string>): Concept | Promise<Concept>;
    submitConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    approveConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    rejectConcept(code: string, version: number, reason: string): Concept | Promise<Concept>;
    deprecateConcept(code: string, version: number, replacedBy?: Nullable<string>, reason?: Nullable<string>): Concept | Promise<Concept>;
    restoreConcept(code: string, version: number, reason?: Nullable<string>): Concept | Promise<Concept>;
    createDomain(input: CreateDomainInput, reason?: Nullable<string>): Domain | Promise<Domain>;
    updateDomain(code: string, version: number, input: UpdateDomainInput, reason?: Nullable<string>): Domain | Promise<Domain>;
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
