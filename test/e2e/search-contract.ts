import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { TestApp } from '../support/test-app';

/**
 * The one contract every search engine passes, over HTTP. `settle` waits
 * until the engine has taken the latest committed writes in (nothing for
 * PostgreSQL, which reads its own tables; the indexer's catch-up for Meilisearch).
 */
export interface SearchContractTarget {
  engine: 'postgresql' | 'meilisearch';
  app(): TestApp;
  settle(): Promise<void>;
}

const SEARCH = `query Search($q: String!, $filter: SearchFilter, $first: Int, $offset: Int) {
  search(query: $q, filter: $filter, first: $first, offset: $offset) {
    total totalIsEstimate tookMs engine degraded
    hits { score matchedOn highlight concept { code status prefLabel replacedBy { code } } }
    facets { domains { value count } statuses { value count } systems { value count } }
  }
}`;

export function searchContract(target: SearchContractTarget) {
  const search = async (q: string, variables: Record<string, unknown> = {}, headers?: Record<string, string>) => {
    const response = await target.app().gql(SEARCH, { q, ...variables }, headers);
    expect(response.errors).toBeUndefined();
    return response.data!.search;
  };
  const codes = (result: { hits: { concept: { code: string } }[] }) => result.hits.map((hit) => hit.concept.code);

  /** Writes as the services do: the row and its change, in one transaction. */
  async function write(statements: [string, unknown[]][]) {
    const client = new Client({ connectionString: target.app().databaseUrl });
    await client.connect();
    try {
      await client.query('BEGIN');
      for (const [sql, params] of statements) await client.query(sql, params);
      await client.query('COMMIT');
    } finally {
      await client.end();
    }
    await target.settle();
  }
  const conceptChange = (code: string, action: string): [string, unknown[]] => [
    `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action)
     SELECT 'test', 'CONCEPT', id::text, code, domain_code, $2 FROM concept WHERE code = $1`,
    [code, action],
  ];
  const insertConcept = (
    code: string,
    fields: { pref: string; alt?: string[]; hidden?: string[]; acronyms?: string[]; definition?: string; status?: string },
  ) => [
    [
      `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
       VALUES ($1, 'FIN', $2, jsonb_build_object('fr', $3::text), jsonb_build_object('fr', $4::text[]), $5, $6, jsonb_build_object('fr', $7::text))`,
      [
        code,
        fields.status ?? 'PUBLISHED',
        fields.pref,
        fields.alt ?? [],
        fields.hidden ?? [],
        fields.acronyms ?? [],
        fields.definition ?? '',
      ],
    ] as [string, unknown[]],
    conceptChange(code, 'CREATE'),
  ];

  describe(`search contract (${target.engine})`, () => {
    it('says which engine answered, how long it took and how many concepts match', async () => {
      const result = await search('budget');
      expect(result.engine).toBe(target.engine);
      expect(result.degraded).toBe(false);
      expect(result.tookMs).toBeGreaterThanOrEqual(0);
      expect(result.total).toBeGreaterThanOrEqual(result.hits.length);
      expect(result.hits.length).toBeGreaterThan(3);
    });

    it('forgives typos and missing accents, and highlights what matched', async () => {
      const result = await search('marche publc');
      expect(codes(result)[0]).toBe('ACH-0002');
      expect(result.hits[0].matchedOn).toBe('PREF_LABEL');
      expect(result.hits[0].highlight).toBe('<mark>Marché</mark> <mark>public</mark>');
      expect(codes(await search('REGIE DAVANCES'))).toContain('FIN-0048');
    });

    it('forgives one typo from 5 letters and two from 9, none below', async () => {
      expect(codes(await search('budgte'))[0]).toBe('FIN-0003'); // a swap is one typo
      expect(codes(await search('fonctionaire titulire'))).toContain('RH-0002');
      expect((await search('bdgt')).total).toBe(0);
    });

    it('takes the last word as a prefix while the agent types', async () => {
      expect(codes(await search('budg'))[0]).toBe('FIN-0003');
      expect(codes(await search('mise a dispo')).slice(0, 2)).toContain('RH-0045');
    });

    it('matches acronyms and codes exactly, never with a typo', async () => {
      const ifse = await search('IFSE');
      expect(ifse.hits[0]).toMatchObject({ matchedOn: 'ACRONYM', highlight: '<mark>IFSE</mark>', concept: { code: 'RH-0021' } });
      const typo = await search('IFSR');
      expect(typo.hits.filter((hit: { matchedOn: string }) => hit.matchedOn === 'ACRONYM')).toEqual([]);
      const code = await search('fin-0001');
      expect(code.hits[0]).toMatchObject({ matchedOn: 'CODE', concept: { code: 'FIN-0001' } });
    });

    it("finds the canonical entry from a legacy system's local code or label", async () => {
      const byCode = await search('0412');
      expect(byCode.hits[0]).toMatchObject({ matchedOn: 'LEGACY_CODE', concept: { code: 'RH-0021' } });
      expect(byCode.hits[0].highlight).toContain('<mark>0412</mark>');
      const byLabel = await search('jour de carence');
      expect(byLabel.hits[0]).toMatchObject({ matchedOn: 'LEGACY_LABEL', concept: { code: 'RH-0034' } });
    });

    it('shows a deprecated entry with its replacement', async () => {
      const result = await search('M14');
      expect(result.hits[0].concept).toMatchObject({ code: 'FIN-0002', status: 'DEPRECATED', replacedBy: { code: 'FIN-0001' } });
    });

    it('ranks preferred label > acronym > alternative label > hidden label > legacy label > definition, and sees writes at once', async () => {
      await write([
        ...insertConcept('FIN-9001', { pref: 'Zorglub' }),
        ...insertConcept('FIN-9002', { pref: 'Entrée acronyme', acronyms: ['ZORGLUB'] }),
        ...insertConcept('FIN-9003', { pref: 'Entrée synonyme', alt: ['Zorglub'] }),
        ...insertConcept('FIN-9004', { pref: 'Entrée cachée', hidden: ['zorglub'] }),
        ...insertConcept('FIN-9005', { pref: 'Entrée héritée' }),
        ...insertConcept('FIN-9006', { pref: 'Entrée définie', definition: 'Se dit du zorglub.' }),
        [
          `INSERT INTO mapping (system_code, local_code, local_label, concept_id, relation)
           SELECT 'SI-MER-FIN', 'ZRG-1', 'Zorglub', id, 'EXACT' FROM concept WHERE code = 'FIN-9005'`,
          [],
        ],
        [
          `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action)
           SELECT 'test', 'MAPPING', id::text, 'SI-MER-FIN/ZRG-1', 'FIN', 'CREATE' FROM mapping WHERE local_code = 'ZRG-1'`,
          [],
        ],
      ]);
      const result = await search('zorglub');
      expect(codes(result)).toEqual(['FIN-9001', 'FIN-9002', 'FIN-9003', 'FIN-9004', 'FIN-9005', 'FIN-9006']);
      expect(result.hits.map((hit: { matchedOn: string }) => hit.matchedOn)).toEqual([
        'PREF_LABEL',
        'ACRONYM',
        'ALT_LABEL',
        'HIDDEN_LABEL',
        'LEGACY_LABEL',
        'DEFINITION',
      ]);
      expect(result.hits[3].highlight).toBeNull(); // hidden labels never leave the server
      const scores = result.hits.map((hit: { score: number }) => hit.score);
      expect([...scores].sort((a, b) => b - a)).toEqual(scores);

      await write([
        [`UPDATE concept SET pref_label = '{"fr": "Zorglonde"}', version = version + 1 WHERE code = 'FIN-9001'`, []],
        conceptChange('FIN-9001', 'UPDATE'),
        [`DELETE FROM mapping WHERE local_code = 'ZRG-1'`, []],
        [
          `INSERT INTO change (principal, entity_type, entity_id, entity_key, domain_code, action) VALUES ('test', 'MAPPING', 'x', 'SI-MER-FIN/ZRG-1', 'FIN', 'DELETE')`,
          [],
        ],
        conceptChange('FIN-9005', 'UPDATE'),
      ]);
      const after = codes(await search('zorglub'));
      expect(after).not.toContain('FIN-9001');
      expect(after).not.toContain('FIN-9005');
      expect(codes(await search('zorglonde'))).toEqual(['FIN-9001']);
    });

    it('escapes the HTML of what it highlights', async () => {
      await write(insertConcept('FIN-9010', { pref: 'Crédit <script>alert("x")</script> & Cie' }));
      const result = await search('credit cie');
      const hit = result.hits.find((h: { concept: { code: string } }) => h.concept.code === 'FIN-9010');
      expect(hit.highlight).toBe('<mark>Crédit</mark> &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; <mark>Cie</mark>');
    });

    it('filters by domain, status and system, and counts facets over the whole result', async () => {
      const all = await search('agent', { first: 100 });
      const sum = (facet: { count: number }[]) => facet.reduce((total, f) => total + f.count, 0);
      expect(all.totalIsEstimate).toBe(false);
      expect(sum(all.facets.domains)).toBe(all.total);
      expect(sum(all.facets.statuses)).toBe(all.total);
      expect(all.facets.domains.length).toBeGreaterThan(1);
      const rh = all.facets.domains.find((f: { value: string }) => f.value === 'RH');
      const filtered = await search('agent', { filter: { domains: ['RH'] }, first: 100 });
      expect(filtered.total).toBe(rh.count);
      expect(codes(filtered).every((code) => code.startsWith('RH-'))).toBe(true);

      const system = all.facets.systems[0];
      const bySystem = await search('agent', { filter: { systems: [system.value] } });
      expect(bySystem.total).toBe(system.count);

      const deprecated = await search('marche', { filter: { statuses: ['DEPRECATED'] } });
      expect(deprecated.total).toBeGreaterThan(0);
      expect(deprecated.hits.every((hit: { concept: { status: string } }) => hit.concept.status === 'DEPRECATED')).toBe(true);
    });

    it('pages with first and offset', async () => {
      const first = await search('agent', { first: 3 });
      const second = await search('agent', { first: 3, offset: 3 });
      expect(first.hits).toHaveLength(3);
      expect(second.total).toBe(first.total);
      expect(codes(second).some((code) => codes(first).includes(code))).toBe(false);
      expect((await search('agent', { first: 0 })).hits).toEqual([]);
    });

    it('shows drafts only to the stewards of their domain and to admins', async () => {
      await write(insertConcept('FIN-9020', { pref: 'Brouillon quelconque', status: 'DRAFT' }));
      const filter = { filter: { statuses: ['DRAFT', 'PUBLISHED'] } };
      expect(codes(await search('brouillon quelconque', filter))).not.toContain('FIN-9020');
      expect(codes(await search('brouillon quelconque'))).not.toContain('FIN-9020');
      const rhSteward = await bearer({ name: 'rose', roles: [Role.READER, Role.STEWARD], domains: ['RH'] });
      expect(codes(await search('brouillon quelconque', filter, rhSteward))).not.toContain('FIN-9020');
      const finSteward = await bearer({ name: 'fabien', roles: [Role.READER, Role.STEWARD], domains: ['FIN'] });
      expect(codes(await search('brouillon quelconque', filter, finSteward))).toContain('FIN-9020');
      expect(codes(await search('brouillon quelconque', {}, finSteward))).not.toContain('FIN-9020'); // not asked for
      const admin = await bearer({ name: 'ada', roles: [Role.ADMIN] });
      expect(codes(await search('brouillon quelconque', filter, admin))).toContain('FIN-9020');
    });

    it.each([
      ['an empty query', { q: '' }, 'query'],
      ['a blank query', { q: ' \t\n ' }, 'query'],
      ['a query over 200 characters', { q: 'a'.repeat(201) }, 'query'],
      ['first over 100', { q: 'budget', first: 101 }, 'first'],
      ['a negative first', { q: 'budget', first: -1 }, 'first'],
      ['a negative offset', { q: 'budget', offset: -1 }, 'offset'],
    ])('refuses %s as BAD_USER_INPUT naming the argument', async (_, variables, field) => {
      const response = await target.app().gql(SEARCH, variables);
      expect(response.data).toBeNull();
      expect(response.errors![0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    });

    it.each([
      `'; DROP TABLE concept; --`,
      `budget' OR '1'='1`,
      `"budget"`,
      `\\`,
      `budget\\`,
      `budget:* & !marche | (`,
      `status = "DRAFT" OR domain = "FIN"`,
      `%_%`,
      `<script>`,
      `€€€ ¿¿`,
    ])('takes %s as plain text', async (q) => {
      const result = await search(q);
      expect(result.total).toBeGreaterThanOrEqual(0);
      expect(JSON.stringify(result)).not.toMatch(/DRAFT/);
    });

    it.each([
      ['a NUL character', '\u0000abc'],
      ['a NUL character after a word', 'budget\u0000'],
      ['a lone high surrogate', 'budget \uD800'],
      ['a lone low surrogate', 'bu\uDC00dget'],
    ])('takes a query holding %s as text no concept holds: it matches nothing', async (_, q) => {
      const result = await search(q);
      expect(result).toMatchObject({ total: 0, hits: [], engine: target.engine, degraded: false });
    });

    it('refuses a filter holding text PostgreSQL cannot store, naming it (a code is never typed by an agent)', async () => {
      for (const value of ['FIN\u0000', '\uD83D']) {
        for (const key of ['domains', 'systems']) {
          const response = await target.app().gql(SEARCH, { q: 'budget', filter: { [key]: [value] } });
          expect(response.errors?.map((e) => e.extensions)).toEqual([
            { code: 'BAD_USER_INPUT', reason: 'INVALID_VALUE', field: `filter.${key}[0]` },
          ]);
        }
      }
    });

    it('takes filter values as plain text', async () => {
      for (const value of [`FIN" OR domain = "RH`, `FIN') OR ('1'='1`, `\\"`, `RH OR status = DRAFT`]) {
        const result = await search('budget', { filter: { domains: [value], systems: [value] } });
        expect(result).toMatchObject({ total: 0, hits: [] });
      }
      expect((await search('budget')).total).toBeGreaterThan(0);
    });
  });
}
