import { DataSource } from 'typeorm';
import { ApiKeyService } from '@lexique/access';
import { RequestContext, Role, systemContext } from '@lexique/core';
import { MappingRelation, MappingReviewService, MappingUpsertService } from '@lexique/mappings';
import { Caller, callerHeaders, CALLERS, STEWARD_DOMAIN } from '../support/callers';
import { startTestApp, TestApp } from '../support/test-app';

/**
 * Every operation × every kind of caller, with anonymous reading on (the
 * demo) and off. Add a row for each new operation: `allow` lists who gets
 * data, `hide` who gets null (the row exists but is not theirs to see);
 * everyone else is refused, anonymous callers with UNAUTHENTICATED and the
 * others with FORBIDDEN. `unchanged` proves a refused write wrote nothing.
 */
interface OperationCase {
  name: string;
  /** The root field whose value is checked. */
  field: string;
  query: string;
  variables?: (t: TestApp) => Promise<Record<string, unknown>>;
  allow: readonly Caller[];
  hide?: readonly Caller[];
  /** Whether anonymous callers get through when anonymous reading is off (only what is @Public). */
  openWhenAnonymousReadOff?: boolean;
  unchanged?: (t: TestApp, variables: Record<string, unknown>) => Promise<void>;
}

const EVERYONE = CALLERS;
const ADMIN_ONLY: readonly Caller[] = ['admin'];
const DRAFT = 'FIN-0059'; // a DRAFT of the demo, in the steward's domain

const liveKeyCount = async (t: TestApp) => (await t.app.get(ApiKeyService).list(systemContext('test'), false)).length;

const OPERATIONS: OperationCase[] = [
  { name: 'domains', field: 'domains', query: `{ domains { code } }`, allow: EVERYONE },
  { name: 'domain', field: 'domain', query: `{ domain(code: "${STEWARD_DOMAIN}") { code conceptCount } }`, allow: EVERYONE },
  { name: 'concept (published)', field: 'concept', query: `{ concept(code: "FIN-0001") { code } }`, allow: EVERYONE },
  {
    name: 'concept (draft)',
    field: 'concept',
    query: `{ concept(code: "${DRAFT}") { code status } }`,
    allow: ['steward', 'admin'],
    hide: ['anonymous', 'reader', 'integrator', 'otherSteward', 'apiKey'],
  },
  { name: 'concepts', field: 'concepts', query: `{ concepts(first: 5) { totalCount } }`, allow: EVERYONE },
  { name: 'systems', field: 'systems', query: `{ systems { code coverage { total } } }`, allow: EVERYONE },
  { name: 'system', field: 'system', query: `{ system(code: "SI-MER-FIN") { code } }`, allow: EVERYONE },
  { name: 'translate', field: 'translate', query: `{ translate(system: "SI-MER-FIN", code: "1") { found } }`, allow: EVERYONE },
  {
    name: 'translateBatch',
    field: 'translateBatch',
    query: `{ translateBatch(system: "SI-MER-FIN", codes: ["1", "2"]) { found } }`,
    allow: EVERYONE,
  },
  {
    name: 'crosswalk',
    field: 'crosswalk',
    query: `{ crosswalk(from: "SI-BDX-GRH", code: "0103", to: "SI-MUT-RH") { targets { localCode } } }`,
    allow: EVERYONE,
  },
  { name: 'me', field: 'me', query: `{ me { id kind roles } }`, allow: EVERYONE, openWhenAnonymousReadOff: true },
  { name: 'apiKeys', field: 'apiKeys', query: `{ apiKeys { prefix } }`, allow: ADMIN_ONLY },
  {
    name: 'createApiKey',
    field: 'createApiKey',
    query: `mutation($name: String!) { createApiKey(input: { name: $name, roles: [INTEGRATOR] }) { secret apiKey { prefix } } }`,
    variables: () => Promise.resolve({ name: `k-${Math.random().toString(36).slice(2)}` }),
    allow: ADMIN_ONLY,
    unchanged: async (t, { name }) => {
      const keys = await t.app.get(ApiKeyService).list(systemContext('test'), true);
      expect(keys.map((k) => k.name)).not.toContain(name);
    },
  },
  {
    name: 'mappingsAwaitingReview',
    field: 'mappingsAwaitingReview',
    query: `{ mappingsAwaitingReview(first: 5) { localCode } }`,
    allow: ['steward', 'otherSteward', 'admin'],
  },
  {
    name: 'upsertMapping',
    field: 'upsertMapping',
    query: `mutation($input: MappingInput!) { upsertMapping(input: $input) { status } }`,
    variables: () => Promise.resolve({ input: { ...newMappingInput(), relation: 'EXACT' } }),
    allow: ['steward', 'admin'],
    unchanged: async (t, { input }) => expect(await mappingStatus(t, (input as { localCode: string }).localCode)).toBeNull(),
  },
  {
    name: 'upsertMappings',
    field: 'upsertMappings',
    query: `mutation($inputs: [MappingItemInput!]!) { upsertMappings(inputs: $inputs) { applied created } }`,
    variables: () => Promise.resolve({ inputs: [{ mapping: { ...newMappingInput(), relation: 'EXACT' } }] }),
    allow: ['steward', 'admin'],
    unchanged: async (t, { inputs }) =>
      expect(await mappingStatus(t, (inputs as { mapping: { localCode: string } }[])[0].mapping.localCode)).toBeNull(),
  },
  mappingReviewCase('submitMapping', 'DRAFT'),
  mappingReviewCase('approveMapping', 'IN_REVIEW'),
  mappingReviewCase('rejectMapping', 'IN_REVIEW'),
  mappingReviewCase('deleteMapping', 'DRAFT'),
  {
    name: 'revokeApiKey',
    field: 'revokeApiKey',
    query: `mutation($prefix: String!) { revokeApiKey(prefix: $prefix) { prefix revokedAt } }`,
    variables: async (t) => {
      const { apiKey } = await t.app
        .get(ApiKeyService)
        .create(systemContext('test'), { name: `r-${Math.random().toString(36).slice(2)}`, roles: [Role.READER] });
      return { prefix: apiKey.prefix };
    },
    allow: ADMIN_ONLY,
    unchanged: async (t, { prefix }) => {
      const keys = await t.app.get(ApiKeyService).list(systemContext('test'), false);
      expect(keys.map((k) => k.prefix)).toContain(prefix);
    },
  },
];

/** Mappings the matrix acts on are written by another admin, so that the four-eyes rule never gets in the way. */
const MAPPING_SETUP: RequestContext = {
  requestId: 'matrix-setup',
  principal: { id: 'user:matrix-setup', name: 'matrix-setup', kind: 'user', roles: [Role.ADMIN], stewardDomains: [] },
};

function newMappingInput() {
  return { system: 'SI-MER-FIN', localCode: `M-${Math.random().toString(36).slice(2, 10)}`, concept: 'FIN-0001' };
}

async function mappingStatus(t: TestApp, localCode: string): Promise<string | null> {
  const [row] = await t.app
    .get(DataSource)
    .query(`SELECT status FROM mapping WHERE system_code = 'SI-MER-FIN' AND local_code = $1`, [localCode]);
  return (row as { status: string } | undefined)?.status ?? null;
}

/** A review step (or deletion) on a fresh mapping of the steward's domain in `status`; refused, it leaves that status. */
function mappingReviewCase(mutation: string, status: 'DRAFT' | 'IN_REVIEW'): OperationCase {
  return {
    name: mutation,
    field: mutation,
    query: `mutation($system: String!, $localCode: String!, $version: Int!) {
      ${mutation}(system: $system, localCode: $localCode, version: $version${mutation === 'rejectMapping' ? ', reason: "non"' : ''}) { localCode } }`,
    variables: async (t) => {
      const input = { ...newMappingInput(), relation: MappingRelation.EXACT };
      let { version } = await t.app.get(MappingUpsertService).upsert(MAPPING_SETUP, input, null);
      if (status === 'IN_REVIEW') ({ version } = await t.app.get(MappingReviewService).submit(MAPPING_SETUP, input, version));
      return { system: input.system, localCode: input.localCode, version };
    },
    // a steward of another domain is refused as such (NOT_STEWARD), as editing the mapping would be
    allow: ['steward', 'admin'],
    unchanged: async (t, { localCode }) => expect(await mappingStatus(t, localCode as string)).toBe(status),
  };
}

type Outcome = 'allow' | 'hide' | 'deny';

function expected(operation: OperationCase, caller: Caller, anonymousRead: boolean): Outcome {
  if (caller === 'anonymous' && !anonymousRead && !operation.openWhenAnonymousReadOff) return 'deny';
  if (operation.allow.includes(caller)) return 'allow';
  if (operation.hide?.includes(caller)) return 'hide';
  return 'deny';
}

describe.each([
  ['on', true],
  ['off', false],
])('access matrix with anonymous reading %s (e2e)', (_label, anonymousRead) => {
  let t: TestApp;
  let headers: Record<Caller, Record<string, string>>;
  beforeAll(async () => {
    t = await startTestApp({ env: { LEXIQUE_ANONYMOUS_READ: String(anonymousRead) } });
    headers = await callerHeaders(t.app);
  });
  afterAll(() => t.close());

  const cases = OPERATIONS.flatMap((operation) =>
    CALLERS.map((caller) => [operation.name, caller, expected(operation, caller, anonymousRead), operation] as const),
  );

  it.each(cases)('%s by %s: %s', async (_name, caller, outcome, operation) => {
    const variables = (await operation.variables?.(t)) ?? {};
    const { data, errors } = await t.gql(operation.query, variables, headers[caller]);
    switch (outcome) {
      case 'allow':
        expect(errors).toBeUndefined();
        expect(data![operation.field]).not.toBeNull();
        break;
      case 'hide':
        expect(errors).toBeUndefined();
        expect(data![operation.field]).toBeNull();
        break;
      case 'deny':
        expect(errors).toHaveLength(1);
        expect(errors![0].extensions!.code).toBe(caller === 'anonymous' ? 'UNAUTHENTICATED' : 'FORBIDDEN');
        expect(data?.[operation.field] ?? null).toBeNull();
        await operation.unchanged?.(t, variables);
        break;
    }
  });

  it('leaves the live keys as the allowed calls made them', async () => {
    // the matrix key, plus one per revokeApiKey case prepared and not revoked (the denied ones), plus admin's createApiKey
    const deniedRevokes = CALLERS.filter(
      (c) =>
        expected(
          OPERATIONS.find((o) => o.name === 'revokeApiKey')!,
          c,
          anonymousRead,
        ) === 'deny',
    ).length;
    expect(await liveKeyCount(t)).toBe(1 + deniedRevokes + 1);
  });
});
