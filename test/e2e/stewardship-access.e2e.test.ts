import { apiWithCallers, Callers } from '../support/callers';
import { draft, inReview, MUTATIONS, ok, published, stateOf } from '../support/stewardship';
import { TestApp } from '../support/test-app';

type Caller = 'anonymous' | 'reader' | 'integrator' | 'steward' | 'otherSteward' | 'admin';
const EVERYONE: Caller[] = ['anonymous', 'reader', 'integrator', 'steward', 'otherSteward', 'admin'];

interface Operation {
  name: string;
  allowed: Caller[];
  /** Prepares what the operation acts on (as the setup admin) and returns its query, variables and the concept code to watch. */
  prepare(t: TestApp, who: Callers): Promise<{ query: string; variables: Record<string, unknown>; code?: string }>;
}

let n = 0;
const STEWARDS: Caller[] = ['steward', 'admin'];

const OPERATIONS: Operation[] = [
  {
    name: 'createConcept',
    allowed: STEWARDS,
    prepare: () => {
      const code = `FIN-M${++n}`;
      return Promise.resolve({
        query: MUTATIONS.create,
        variables: { input: { domain: 'FIN', code, prefLabel: { fr: `Matrice ${code}` } } },
        code,
      });
    },
  },
  {
    name: 'updateConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await draft(t, who);
      return { query: MUTATIONS.update, variables: { code: c.code, version: c.version, input: { acronyms: ['MX'] } }, code: c.code };
    },
  },
  {
    name: 'updateConcept (published: pending revision)',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await published(t, who);
      return { query: MUTATIONS.update, variables: { code: c.code, version: c.version, input: { acronyms: ['MX'] } }, code: c.code };
    },
  },
  {
    name: 'submitConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await draft(t, who);
      return { query: MUTATIONS.submit, variables: { code: c.code, version: c.version }, code: c.code };
    },
  },
  {
    name: 'approveConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await inReview(t, who);
      return { query: MUTATIONS.approve, variables: { code: c.code, version: c.version }, code: c.code };
    },
  },
  {
    name: 'rejectConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await inReview(t, who);
      return { query: MUTATIONS.reject, variables: { code: c.code, version: c.version, reason: 'no' }, code: c.code };
    },
  },
  {
    name: 'deprecateConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await published(t, who);
      return { query: MUTATIONS.deprecate, variables: { code: c.code, version: c.version, replacedBy: 'FIN-0001' }, code: c.code };
    },
  },
  {
    name: 'restoreConcept',
    allowed: STEWARDS,
    prepare: async (t, who) => {
      const c = await inReview(t, who);
      return { query: MUTATIONS.restore, variables: { code: c.code, version: c.version }, code: c.code };
    },
  },
  {
    name: 'createDomain',
    allowed: ['admin'],
    prepare: () =>
      Promise.resolve({ query: MUTATIONS.createDomain, variables: { input: { code: `DM${++n}`, label: { fr: 'Domaine de test' } } } }),
  },
  {
    name: 'updateDomain',
    allowed: ['admin'],
    prepare: async (t) => {
      const { data } = await t.gql(`{ domain(code: "MOB") { version } }`);
      return {
        query: MUTATIONS.updateDomain,
        variables: { code: 'MOB', version: data!.domain.version, input: { description: { fr: `Mobilités ${++n}` } } },
      };
    },
  },
  {
    name: 'changes',
    allowed: ['integrator', 'steward', 'otherSteward', 'admin'],
    prepare: () => Promise.resolve({ query: `{ changes(first: 1) { edges { cursor } } }`, variables: {} }),
  },
  {
    name: 'history',
    allowed: EVERYONE,
    prepare: () => Promise.resolve({ query: `{ history(key: "FIN-0001") { action } }`, variables: {} }),
  },
];

describe('who may do what (e2e role matrix)', () => {
  const { t, who } = apiWithCallers();

  const cases = OPERATIONS.flatMap((operation) =>
    EVERYONE.map((caller) => [operation.name, caller, operation.allowed.includes(caller), operation] as const),
  );

  it.each(cases)('%s as %s: allowed %s', async (_name, caller, allowed, operation) => {
    const { query, variables, code } = await operation.prepare(t, who);
    const before = code ? await stateOf(t, code) : undefined;
    const response = await t.gql(query, variables, who[caller]);
    if (allowed) {
      expect(response.errors).toBeUndefined();
      return;
    }
    expect(response.errors).toHaveLength(1);
    // a draft of another domain is not even visible to its stewards: NOT_FOUND rather than FORBIDDEN
    const expected =
      caller === 'anonymous' ? ['FORBIDDEN', 'UNAUTHENTICATED'] : caller === 'otherSteward' ? ['FORBIDDEN', 'NOT_FOUND'] : ['FORBIDDEN'];
    expect(expected).toContain(response.errors![0].extensions!.code);
    if (code) expect(await stateOf(t, code)).toEqual(before);
  });

  it('tells a steward of another domain that a published concept is not theirs to change', async () => {
    const c = await published(t, who);
    const response = await t.gql(MUTATIONS.update, { code: c.code, version: c.version, input: { acronyms: ['NO'] } }, who.otherSteward);
    expect(response.errors![0].extensions!.code).toBe('FORBIDDEN');
    expect(response.errors![0].message).toContain('FIN');
    const hidden = await draft(t, who);
    const notFound = await t.gql(MUTATIONS.submit, { code: hidden.code, version: hidden.version }, who.otherSteward);
    expect(notFound.errors![0].extensions).toMatchObject({ code: 'NOT_FOUND', field: 'code' });
  });

  it('shows a pending revision to the stewards of the domain and admins only', async () => {
    const c = await published(t, who);
    await ok(t, MUTATIONS.update, { code: c.code, version: c.version, input: { acronyms: ['PV'] } }, who.steward);
    const query = `query($code: String) { concept(code: $code) { pendingRevision { author } } }`;
    for (const caller of EVERYONE) {
      const { data } = await t.gql(query, { code: c.code }, who[caller]);
      expect([caller, data!.concept.pendingRevision]).toEqual([
        caller,
        ['steward', 'admin'].includes(caller) ? { author: 'user:alice' } : null,
      ]);
    }
  });
});
