import { DataSource } from 'typeorm';
import type { Callers, Headers } from './callers';
import { GraphQLResponse, TestApp } from './test-app';

export const CONCEPT_FIELDS = `id code status version prefLabel en: prefLabel(lang: "en") acronyms source broader { code } related { code }
  replacedBy { code } pendingRevision { author reason proposed changes { field before after } }`;

export const MUTATIONS = {
  create: `mutation($input: CreateConceptInput!, $reason: String) { createConcept(input: $input, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  update: `mutation($code: String!, $version: Int!, $input: UpdateConceptInput!, $reason: String) { updateConcept(code: $code, version: $version, input: $input, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  submit: `mutation($code: String!, $version: Int!, $reason: String) { submitConcept(code: $code, version: $version, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  approve: `mutation($code: String!, $version: Int!, $reason: String) { approveConcept(code: $code, version: $version, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  reject: `mutation($code: String!, $version: Int!, $reason: String!) { rejectConcept(code: $code, version: $version, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  deprecate: `mutation($code: String!, $version: Int!, $replacedBy: String, $reason: String) { deprecateConcept(code: $code, version: $version, replacedBy: $replacedBy, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  restore: `mutation($code: String!, $version: Int!, $reason: String) { restoreConcept(code: $code, version: $version, reason: $reason) { ${CONCEPT_FIELDS} } }`,
  createDomain: `mutation($input: CreateDomainInput!, $reason: String) { createDomain(input: $input, reason: $reason) { code label requiresReview version } }`,
  updateDomain: `mutation($code: String!, $version: Int!, $input: UpdateDomainInput!, $reason: String) { updateDomain(code: $code, version: $version, input: $input, reason: $reason) { code label requiresReview version } }`,
};

/** Runs a mutation and returns its single root field, failing the test on errors. */
export async function ok(t: TestApp, query: string, variables: Record<string, unknown>, headers: Headers): Promise<any> {
  const response: GraphQLResponse = await t.gql(query, variables, headers);
  if (response.errors) throw new Error(`unexpected errors: ${JSON.stringify(response.errors)}`);
  return Object.values(response.data!)[0];
}

/** The only error of a response. */
export function onlyError(response: GraphQLResponse) {
  if (!response.errors || response.errors.length !== 1) throw new Error(`expected one error, got ${JSON.stringify(response)}`);
  return response.errors[0];
}

let sequence = 0;

/** A new draft of FIN, created by the setup admin (so that other people may approve it). */
export async function draft(t: TestApp, who: Callers, extra: Record<string, unknown> = {}): Promise<any> {
  sequence++;
  const code = `FIN-T${process.pid % 1000}${sequence}`;
  return ok(t, MUTATIONS.create, { input: { domain: 'FIN', code, prefLabel: { fr: `Libellé d'essai ${code}` }, ...extra } }, who.setup);
}

export async function inReview(t: TestApp, who: Callers, extra: Record<string, unknown> = {}): Promise<any> {
  const created = await draft(t, who, extra);
  return ok(t, MUTATIONS.submit, { code: created.code, version: created.version }, who.setup);
}

export async function published(t: TestApp, who: Callers, extra: Record<string, unknown> = {}): Promise<any> {
  const submitted = await inReview(t, who, extra);
  return ok(t, MUTATIONS.approve, { code: submitted.code, version: submitted.version }, who.setupReviewer);
}

/** The stored row and change rows of a concept, to check that a refused mutation changed nothing. */
export async function stateOf(t: TestApp, code: string) {
  const db = t.app.get(DataSource);
  const [row] = await db.query(
    `SELECT c.*, (SELECT count(*) FROM revision r WHERE r.entity_id = c.id)::int AS revisions FROM concept c WHERE code = $1`,
    [code],
  );
  const [{ changes }] = await db.query(`SELECT count(*)::int AS changes FROM change WHERE entity_key = $1`, [code]);
  const links = await db.query(
    `SELECT 'b' AS kind, broader_id::text AS other FROM concept_broader WHERE concept_id = $1 UNION ALL SELECT 'r', related_id::text FROM concept_related WHERE concept_id = $1 ORDER BY 1, 2`,
    [row?.id ?? '00000000-0000-0000-0000-000000000000'],
  );
  return { row, changes, links };
}
