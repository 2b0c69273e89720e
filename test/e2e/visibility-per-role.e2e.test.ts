import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { untilChangesReadable } from '../support/change-log';
import { startTestApp, TestApp } from '../support/test-app';

const HIDDEN_LABEL = 'budjet'; // a known misspelling of FIN-0003 in the demo data: searchable, never shown to readers
const DRAFT_LABEL = 'Libellé de brouillon confidentiel';

/**
 * Nothing leaves the server that the caller may not see: hidden labels and
 * drafts stay with the stewards of their domain and admins, in downloads,
 * history, the change feed and the list of a domain's maintainers.
 */
describe('what each role sees (e2e)', () => {
  let t: TestApp;
  let roles: Record<string, Record<string, string>>;
  let localCode: string;

  beforeAll(async () => {
    t = await startTestApp({ env: { LEXIQUE_ANONYMOUS_READ: 'true' } });
    roles = {
      anonymous: {},
      reader: await bearer({ name: 'rita', roles: [Role.READER] }),
      integrator: await bearer({ name: 'ivan', roles: [Role.INTEGRATOR] }),
      otherSteward: await bearer({ name: 'olga', roles: [Role.STEWARD], domains: ['RH'] }),
      steward: await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] }),
      admin: await bearer({ name: 'root', roles: [Role.ADMIN] }),
    };
    localCode = 'VIS-1';
    const created = await t.gql(
      `mutation($input: MappingInput!) { upsertMapping(input: $input) { status } }`,
      { input: { system: 'SI-MER-FIN', localCode, localLabel: DRAFT_LABEL, relation: 'EXACT', concept: 'FIN-0003', note: 'note interne' } },
      roles.steward,
    );
    expect(created.data!.upsertMapping.status).toBe('DRAFT');
    // the feed shows a change once every older transaction of the server has ended (parallel test files included)
    await untilChangesReadable(t.databaseUrl);
  });
  afterAll(() => t.close());

  const mayReadDrafts = (role: string) => role === 'steward' || role === 'admin';
  const cases = ['anonymous', 'reader', 'integrator', 'otherSteward', 'steward', 'admin'];

  it.each(cases)('downloads of concepts: hidden labels only for the domain’s stewards and admins (%s)', async (role) => {
    for (const file of ['FIN.csv', 'FIN.ttl', 'FIN.jsonld']) {
      const response = await t.http().get(`/export/concepts/${file}`).set(roles[role]);
      expect(response.status).toBe(200);
      expect(response.text.includes(HIDDEN_LABEL)).toBe(mayReadDrafts(role));
      expect(response.text).toContain('FIN-0003');
    }
  });

  it.each(cases)('downloads of mappings: drafts only for the stewards of their domain and admins (%s)', async (role) => {
    for (const file of ['SI-MER-FIN.csv', 'SI-MER-FIN.sssom.tsv']) {
      const response = await t.http().get(`/export/mappings/${file}`).set(roles[role]);
      expect(response.status).toBe(200);
      expect(response.text.includes(DRAFT_LABEL)).toBe(mayReadDrafts(role));
    }
  });

  it.each(cases)('history and the feed: a draft mapping’s label and note only for those who may read it (%s)', async (role) => {
    const history = await t.gql(
      `query($key: String!) { history(entity: MAPPING, key: $key) { action after } }`,
      { key: `SI-MER-FIN/${localCode}` },
      roles[role],
    );
    expect(JSON.stringify(history.data).includes(DRAFT_LABEL)).toBe(mayReadDrafts(role));
    if (role === 'anonymous' || role === 'reader') return; // the feed is for integrators and above
    const feed = await t.gql(`{ changes(first: 500, domains: ["FIN"]) { edges { node { key after } } } }`, {}, roles[role]);
    expect(feed.errors).toBeUndefined();
    expect(JSON.stringify(feed.data).includes(DRAFT_LABEL)).toBe(mayReadDrafts(role));
  });

  it.each(cases)('a domain’s maintainers: who worked on a draft only for its stewards and admins (%s)', async (role) => {
    const { data } = await t.gql(`{ domain(code: "FIN") { maintainers { name } } }`, {}, roles[role]);
    expect(data!.domain.maintainers.map((m: { name: string }) => m.name).includes('alice')).toBe(mayReadDrafts(role));
  });
});
