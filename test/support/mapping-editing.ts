import { DataSource } from 'typeorm';
import type { Headers } from './callers';
import { ok } from './stewardship';
import { TestApp } from './test-app';

export const MAPPING_FIELDS = `id localCode localLabel relation status version justification confidence author reviewer validFrom validTo note
  concept { code } pendingRevision { author reason proposed changes { field before after } }`;

const REF = `$system: String!, $localCode: String!, $version: Int!, $id: ID`;
const REF_ARGS = `system: $system, localCode: $localCode, version: $version, id: $id`;

export const MAPPING_MUTATIONS = {
  upsert: `mutation($input: MappingInput!, $version: Int, $reason: String) { upsertMapping(input: $input, version: $version, reason: $reason) { ${MAPPING_FIELDS} } }`,
  upsertMany: `mutation($inputs: [MappingItemInput!]!, $reason: String) { upsertMappings(inputs: $inputs, reason: $reason) {
    applied created updated proposed unchanged errors { index code reason field message currentVersion } } }`,
  submit: `mutation(${REF}, $reason: String) { submitMapping(${REF_ARGS}, reason: $reason) { ${MAPPING_FIELDS} } }`,
  approve: `mutation(${REF}, $reason: String) { approveMapping(${REF_ARGS}, reason: $reason) { ${MAPPING_FIELDS} } }`,
  reject: `mutation(${REF}, $reason: String!) { rejectMapping(${REF_ARGS}, reason: $reason) { ${MAPPING_FIELDS} } }`,
  delete: `mutation(${REF}, $reason: String) { deleteMapping(${REF_ARGS}, reason: $reason) { ${MAPPING_FIELDS} } }`,
};

export const TRANSLATE = `query($system: String!, $code: String!) { translate(system: $system, code: $code) { found relation concept { code } } }`;

let sequence = 0;

/** A local code of SI-MER-FIN nobody has mapped yet. */
export function freshCode(): string {
  sequence++;
  return `T${process.pid % 1000}.${sequence}`;
}

/** A new DRAFT mapping of SI-MER-FIN (a FIN system) to FIN-0001, written by `who`. */
export function draftMapping(t: TestApp, headers: Headers, input: Record<string, unknown> = {}): Promise<any> {
  return ok(
    t,
    MAPPING_MUTATIONS.upsert,
    { input: { system: 'SI-MER-FIN', localCode: freshCode(), relation: 'EXACT', concept: 'FIN-0001', ...input } },
    headers,
  );
}

export async function mappingInReview(t: TestApp, headers: Headers, input: Record<string, unknown> = {}): Promise<any> {
  const created = await draftMapping(t, headers, input);
  return ok(t, MAPPING_MUTATIONS.submit, { system: 'SI-MER-FIN', localCode: created.localCode, version: created.version }, headers);
}

/** The stored rows, pending revisions and change rows of a local code, to check that a refused write changed nothing. */
export async function mappingState(t: TestApp, system: string, localCode: string) {
  const db = t.app.get(DataSource);
  const rows = await db.query(
    `SELECT m.*, (SELECT count(*) FROM revision r WHERE r.entity_id = m.id)::int AS revisions
     FROM mapping m WHERE system_code = $1 AND local_code_key = $2 ORDER BY id`,
    [system, localCode.trim()],
  );
  const [{ changes }] = await db.query(`SELECT count(*)::int AS changes FROM change WHERE entity_type = 'MAPPING' AND entity_key = $1`, [
    `${system}/${localCode.trim()}`,
  ]);
  return { rows, changes };
}
