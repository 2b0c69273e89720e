import { Client } from 'pg';
import { Principal } from '@lexique/core';
import { InterchangeFormat } from '@lexique/interchange';
import { callers, Callers, Headers } from '../support/callers';
import { ADMIN, importText, steward, tableCounts } from '../support/interchange';
import { GraphQLResponse, startTestApp, TestApp } from '../support/test-app';

/**
 * Every rule of the dictionary through every door that can break it: the
 * mutations (one concept, and several at once), CSV and SKOS imports, the
 * approval of a new concept and of a pending revision. Each door must refuse
 * with the same `reason`, name the field, and write nothing at all.
 */

const TTL = `@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix bmo: <https://vocabulaire.bordeaux-metropole.example/ontology#> .
@prefix bms: <https://vocabulaire.bordeaux-metropole.example/scheme/> .
@prefix bmc: <https://vocabulaire.bordeaux-metropole.example/concept/> .
`;
const CONCEPT = `id code status version`;
const M = {
  create: `mutation($input: CreateConceptInput!) { createConcept(input: $input) { ${CONCEPT} } }`,
  update: `mutation($code: String!, $version: Int!, $input: UpdateConceptInput!) { updateConcept(code: $code, version: $version, input: $input) { ${CONCEPT} } }`,
  submit: `mutation($code: String!, $version: Int!) { submitConcept(code: $code, version: $version) { ${CONCEPT} } }`,
  approve: `mutation($code: String!, $version: Int!) { approveConcept(code: $code, version: $version) { ${CONCEPT} } }`,
  deprecate: `mutation($code: String!, $version: Int!, $replacedBy: String) { deprecateConcept(code: $code, version: $version, replacedBy: $replacedBy) { ${CONCEPT} } }`,
  approveMany: `mutation($items: [ConceptVersionInput!]!) { approveConcepts(items: $items) { ${CONCEPT} } }`,
};

type Refusal = { reason: string; field: string | null } | null;

describe('every rule through every door (integration)', () => {
  let t: TestApp;
  let sql: Client;
  let who: Callers;
  let seq = 0;
  const code = (domain = 'FIN') => `${domain}-R${String(++seq).padStart(4, '0')}`;
  const label = (text: string) => `${text} ${seq}-${Math.floor(seq * 7.3)}`;

  beforeAll(async () => {
    t = await startTestApp();
    sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
    who = await callers();
  });
  afterAll(async () => {
    await sql.end();
    await t.close();
  });

  // --- setting the scene (through the API, as an admin, so that stewards may review) ---
  async function call(query: string, variables: Record<string, unknown>, headers: Headers): Promise<any> {
    const response: GraphQLResponse = await t.gql(query, variables, headers);
    if (response.errors) throw new Error(`setup failed: ${JSON.stringify(response.errors)}`);
    return Object.values(response.data!)[0];
  }
  const draft = (extra: Record<string, unknown> = {}, domain = 'FIN') =>
    call(M.create, { input: { domain, code: code(domain), prefLabel: { fr: label('Notion') }, ...extra } }, who.setup);
  const inReview = async (extra: Record<string, unknown> = {}) => {
    const created = await draft(extra);
    return call(M.submit, { code: created.code, version: created.version }, who.setup);
  };
  const published = async (extra: Record<string, unknown> = {}, domain = 'FIN') => {
    const created = await draft(extra, domain);
    const submitted = await call(M.submit, { code: created.code, version: created.version }, who.setup);
    return call(M.approve, { code: submitted.code, version: submitted.version }, who.setupReviewer);
  };
  const versionOf = async (conceptCode: string) =>
    (await sql.query(`SELECT version FROM concept WHERE code = $1`, [conceptCode])).rows[0].version;

  // --- the doors: each answers the first refusal as { reason, field } ---
  const viaApi = async (query: string, variables: Record<string, unknown>, headers: Headers): Promise<Refusal> => {
    const response = await t.gql(query, variables, headers);
    const extensions = response.errors?.[0]?.extensions;
    return extensions ? { reason: String(extensions.reason), field: extensions.field ?? null } : null;
  };
  const create = (input: Record<string, unknown>, headers = who.steward) =>
    viaApi(M.create, { input: { domain: 'FIN', ...input } }, headers);
  const update = async (conceptCode: string, input: Record<string, unknown>, headers = who.steward) =>
    viaApi(M.update, { code: conceptCode, version: await versionOf(conceptCode), input }, headers);
  const approve = async (conceptCode: string, headers = who.reviewer) =>
    viaApi(M.approve, { code: conceptCode, version: await versionOf(conceptCode) }, headers);
  const approveMany = async (codes: string[], headers = who.reviewer) =>
    viaApi(M.approveMany, { items: await Promise.all(codes.map(async (c) => ({ code: c, version: await versionOf(c) }))) }, headers);
  const viaFile = async (content: string, format: InterchangeFormat, principal: Principal): Promise<Refusal> => {
    const report = await importText(
      t,
      content,
      { fileName: format === InterchangeFormat.SKOS_TURTLE ? 'rules.ttl' : 'rules.csv', format },
      principal,
    );
    const [first] = report.problems;
    return first ? { reason: first.reason, field: first.field } : null;
  };
  const csv = (lines: string[], principal: Principal = steward('alice', ['FIN'])) =>
    viaFile(lines.join('\n') + '\n', InterchangeFormat.CONCEPTS_CSV, principal);
  const turtle = (body: string, principal: Principal = steward('alice', ['FIN'])) =>
    viaFile(TTL + body, InterchangeFormat.SKOS_TURTLE, principal);
  const skos = (conceptCode: string, properties: string) => `bmc:${conceptCode} a skos:Concept ; skos:inScheme bms:FIN ; ${properties} .\n`;

  /** Runs the door after its scene is set, and checks it wrote nothing at all. */
  async function refusedWithNothingWritten(door: () => Promise<Refusal>): Promise<Refusal> {
    const counts = async () => ({
      ...(await tableCounts(t)),
      revisions: Number((await sql.query(`SELECT count(*) FROM revision WHERE status = 'PENDING'`)).rows[0].count),
      versions: Number((await sql.query(`SELECT sum(version) FROM concept`)).rows[0].sum),
    });
    const before = await counts();
    const refusal = await door();
    expect(await counts()).toEqual(before);
    return refusal;
  }

  type Door = { door: string; attempt: () => Promise<Refusal>; field: string | null };
  const RULES: { rule: string; reason: string; doors: () => Promise<Door[]> }[] = [
    {
      rule: 'a French preferred label is required',
      reason: 'REQUIRED',
      doors: async () => {
        const existing = await draft();
        return [
          {
            door: 'createConcept',
            attempt: () => create({ code: code(), prefLabel: { en: 'Only English' } }),
            field: 'input.prefLabel.fr',
          },
          { door: 'updateConcept', attempt: () => update(existing.code, { prefLabel: { fr: null } }), field: 'input.prefLabel.fr' },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr;prefLabel@en', `${code()};FIN;;Only English`]),
            field: 'prefLabel.fr',
          },
          { door: 'SKOS import', attempt: () => turtle(skos(code(), 'skos:prefLabel "Only English"@en')), field: 'prefLabel.fr' },
        ];
      },
    },
    {
      rule: 'a preferred label is unique per language in a domain, case and accents folded',
      reason: 'DUPLICATE_LABEL',
      doors: async () => {
        const existing = await draft();
        // a conflict the dictionary holds already (as an older import could leave it): approval must see it
        const waiting = await inReview();
        const waitingLabel = (await sql.query(`SELECT pref_label->>'fr' AS l FROM concept WHERE code = $1`, [waiting.code])).rows[0].l;
        await sql.query(`UPDATE concept SET pref_label = jsonb_set(pref_label, '{fr}', to_jsonb($1::text)) WHERE code = 'FIN-0007'`, [
          waitingLabel.toUpperCase(),
        ]);
        // a proposal holds no label: another concept may take it meanwhile, and approving the revision must then refuse
        const live = await published();
        const proposedLabel = label('Révision convoitée');
        await call(M.update, { code: live.code, version: live.version, input: { prefLabel: { fr: proposedLabel } } }, who.steward);
        await draft({ prefLabel: { fr: proposedLabel } });
        return [
          {
            door: 'createConcept',
            attempt: () => create({ code: code(), prefLabel: { fr: 'budget PRIMITIF' } }),
            field: 'input.prefLabel.fr',
          },
          {
            door: 'updateConcept',
            attempt: () => update(existing.code, { prefLabel: { fr: 'Budget Primitif' } }),
            field: 'input.prefLabel.fr',
          },
          { door: 'CSV import', attempt: () => csv(['code;domain;prefLabel@fr', `${code()};FIN;Budget primitif`]), field: 'prefLabel.fr' },
          {
            door: 'CSV import, two rows of one file',
            attempt: () => csv(['code;domain;prefLabel@fr', `${code()};FIN;Budget vert primitif`, `${code()};FIN;budget VERT PRIMITIF`]),
            field: 'prefLabel.fr',
          },
          { door: 'SKOS import', attempt: () => turtle(skos(code(), 'skos:prefLabel "BUDGET PRIMITIF"@fr')), field: 'prefLabel.fr' },
          { door: 'approveConcept of a new concept', attempt: () => approve(waiting.code), field: 'prefLabel.fr' },
          { door: 'approveConcepts', attempt: () => approveMany([waiting.code]), field: 'items[0].prefLabel.fr' },
          { door: 'approveConcept of a revision', attempt: () => approve(live.code), field: 'revision.prefLabel.fr' },
        ];
      },
    },
    {
      rule: 'labels of a concept are disjoint',
      reason: 'LABEL_REPEATED',
      doors: async () => {
        const existing = await draft();
        const current = (await sql.query(`SELECT pref_label->>'fr' AS l FROM concept WHERE code = $1`, [existing.code])).rows[0].l;
        return [
          {
            door: 'createConcept',
            attempt: () => create({ code: code(), prefLabel: { fr: 'Dette X' }, altLabels: { fr: ['Dette X'] } }),
            field: 'input.altLabels.fr',
          },
          { door: 'updateConcept', attempt: () => update(existing.code, { hiddenLabels: [current] }), field: 'input.hiddenLabels' },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr;altLabels@fr', `${code()};FIN;Dette Y;Dette Y`]),
            field: 'altLabels.fr',
          },
          {
            door: 'SKOS import',
            attempt: () => turtle(skos(code(), 'skos:prefLabel "Dette Z"@fr ; skos:altLabel "Dette Z"@fr')),
            field: 'altLabels.fr',
          },
        ];
      },
    },
    {
      rule: 'broader concepts are in the same domain',
      reason: 'BROADER_OTHER_DOMAIN',
      doors: async () => {
        const existing = await draft();
        return [
          {
            door: 'createConcept',
            attempt: () => create({ code: code(), prefLabel: { fr: label('A') }, broader: ['RH-0001'] }),
            field: 'input.broader[0]',
          },
          { door: 'updateConcept', attempt: () => update(existing.code, { broader: ['FIN-0003', 'RH-0001'] }), field: 'input.broader[1]' },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr;broader', `${code()};FIN;${label('B')};RH-0001`]),
            field: 'broader[0]',
          },
          {
            door: 'SKOS import',
            attempt: () => turtle(skos(code(), `skos:prefLabel "${label('C')}"@fr ; skos:broader bmc:RH-0001`)),
            field: 'broader[0]',
          },
        ];
      },
    },
    {
      rule: 'broader links make no cycle, at any depth',
      reason: 'BROADER_CYCLE',
      doors: async () => {
        // a chain of 60, longer than any depth limit: each one broader than the next
        const chain = Array.from({ length: 60 }, () => code());
        const report = await importText(
          t,
          ['code;domain;status;prefLabel@fr;broader', ...chain.map((c, i) => `${c};FIN;PUBLISHED;Maillon ${c};${chain[i + 1] ?? ''}`)].join(
            '\n',
          ),
          { fileName: 'chain.csv', format: InterchangeFormat.CONCEPTS_CSV },
          ADMIN,
        );
        expect(report.problems).toEqual([]);
        const [top, bottom] = [chain[chain.length - 1], chain[0]];
        const fresh = Array.from({ length: 60 }, () => code());
        // two drafts linked one way in the data, approval of the other way round must see the cycle
        const upper = await inReview();
        const lower = await inReview({ broader: [upper.code] });
        await sql.query(
          `INSERT INTO concept_broader (concept_id, broader_id) SELECT u.id, l.id FROM concept u, concept l WHERE u.code = $1 AND l.code = $2`,
          [upper.code, lower.code],
        );
        return [
          { door: 'updateConcept', attempt: () => update(top, { broader: [bottom] }, who.admin), field: 'input.broader' },
          {
            door: 'CSV import',
            attempt: () =>
              csv(['code;domain;prefLabel@fr;broader', ...fresh.map((c, i) => `${c};FIN;Boucle ${c};${fresh[(i + 1) % fresh.length]}`)]),
            field: 'broader',
          },
          {
            door: 'SKOS import',
            attempt: () => {
              const [x, y] = [code(), code()];
              return turtle(
                skos(x, `skos:prefLabel "${label('X')}"@fr ; skos:broader bmc:${y}`) +
                  skos(y, `skos:prefLabel "${label('Y')}"@fr ; skos:broader bmc:${x}`),
              );
            },
            field: 'broader',
          },
          { door: 'approveConcept of a new concept', attempt: () => approve(lower.code), field: 'broader' },
        ];
      },
    },
    {
      rule: 'a concept is not its own broader or related',
      reason: 'SELF_REFERENCE',
      doors: async () => {
        const existing = await draft();
        const own = code();
        return [
          { door: 'updateConcept', attempt: () => update(existing.code, { related: [existing.code] }), field: 'input.related[0]' },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr;broader', `${own};FIN;${label('Soi')};${own}`]),
            field: 'broader[0]',
          },
        ];
      },
    },
    {
      rule: 'links point to concepts that exist and that the writer may see',
      reason: 'UNKNOWN_CONCEPT',
      doors: async () => {
        const existing = await draft();
        const rhDraft = await draft({}, 'RH');
        return [
          {
            door: 'createConcept',
            attempt: () => create({ code: code(), prefLabel: { fr: label('Lien') }, broader: ['FIN-9999'] }),
            field: 'input.broader[0]',
          },
          // another domain's draft is not the FIN steward's to name
          {
            door: 'updateConcept',
            attempt: () => update(existing.code, { related: ['FIN-0001', rhDraft.code] }),
            field: 'input.related[1]',
          },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr;related', `${code()};FIN;${label('Lien')};${rhDraft.code}`]),
            field: 'related[0]',
          },
          {
            door: 'SKOS import',
            attempt: () => turtle(skos(code(), `skos:prefLabel "${label('Lien')}"@fr ; skos:broader bmc:FIN-9999`)),
            field: 'broader[0]',
          },
        ];
      },
    },
    {
      rule: 'a successor is published',
      reason: 'SUCCESSOR_NOT_PUBLISHED',
      doors: async () => {
        const live = await published();
        const successor = await draft();
        return [
          {
            door: 'deprecateConcept',
            attempt: async () =>
              viaApi(M.deprecate, { code: live.code, version: await versionOf(live.code), replacedBy: successor.code }, who.steward),
            field: 'replacedBy',
          },
          {
            door: 'CSV import',
            attempt: () =>
              csv(['code;domain;status;prefLabel@fr;replacedBy', `${code()};FIN;DEPRECATED;${label('Ancien')};${successor.code}`], ADMIN),
            field: 'replacedBy',
          },
        ];
      },
    },
    {
      rule: 'a code starts with its domain',
      reason: 'CODE_OUTSIDE_DOMAIN',
      doors: () =>
        Promise.resolve([
          { door: 'createConcept', attempt: () => create({ code: code('RH'), prefLabel: { fr: label('Ailleurs') } }), field: 'input.code' },
          { door: 'CSV import', attempt: () => csv(['code;domain;prefLabel@fr', `${code('RH')};FIN;${label('Ailleurs')}`]), field: 'code' },
          { door: 'SKOS import', attempt: () => turtle(skos(code('RH'), `skos:prefLabel "${label('Ailleurs')}"@fr`)), field: 'code' },
        ]),
    },
    {
      rule: 'stewards write in their domains only',
      reason: 'NOT_STEWARD',
      doors: async () => {
        const rh = await published({}, 'RH');
        return [
          {
            door: 'createConcept',
            attempt: () => create({ domain: 'RH', code: code('RH'), prefLabel: { fr: label('Hors domaine') } }),
            field: 'input.domain',
          },
          { door: 'updateConcept', attempt: () => update(rh.code, { definition: { fr: 'Une définition' } }), field: null },
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;prefLabel@fr', `${code('RH')};RH;${label('Hors domaine')}`]),
            field: 'domain',
          },
          { door: 'approveConcepts', attempt: () => approveMany([rh.code], who.steward), field: null },
        ];
      },
    },
    {
      rule: 'a write names the version it read',
      reason: 'STALE_VERSION',
      doors: async () => {
        const existing = await draft();
        const waiting = await inReview();
        return [
          {
            door: 'updateConcept',
            attempt: () =>
              viaApi(M.update, { code: existing.code, version: existing.version - 1 + 5, input: { acronyms: ['V'] } }, who.steward),
            field: 'version',
          },
          { door: 'approveConcept', attempt: () => viaApi(M.approve, { code: waiting.code, version: 1 }, who.reviewer), field: 'version' },
          {
            door: 'approveConcepts',
            attempt: () => viaApi(M.approveMany, { items: [{ code: waiting.code, version: 1 }] }, who.reviewer),
            field: 'items[0].version',
          },
          // a spreadsheet exported before someone else's edit
          {
            door: 'CSV import with versions',
            attempt: () => csv(['code;domain;acronyms;version', `${existing.code};FIN;VX;${existing.version + 7}`]),
            field: 'version',
          },
        ];
      },
    },
    {
      rule: 'the last editor does not approve where review is required (four eyes)',
      reason: 'SELF_APPROVAL',
      doors: async () => {
        const mine = await draft();
        const edited = await call(M.update, { code: mine.code, version: mine.version, input: { acronyms: ['MOI'] } }, who.steward);
        await call(M.submit, { code: edited.code, version: edited.version }, who.steward);
        const live = await published();
        await call(M.update, { code: live.code, version: live.version, input: { scopeNote: { fr: 'Note' } } }, who.steward);
        return [
          { door: 'approveConcept of a new concept', attempt: () => approve(mine.code, who.steward), field: null },
          { door: 'approveConcepts', attempt: () => approveMany([mine.code], who.steward), field: null },
          { door: 'approveConcept of a revision', attempt: () => approve(live.code, who.steward), field: null },
        ];
      },
    },
    {
      rule: 'an edit changes something',
      reason: 'UNCHANGED',
      doors: async () => {
        const existing = await draft({ acronyms: ['DEJA'] });
        return [{ door: 'updateConcept', attempt: () => update(existing.code, { acronyms: ['DEJA'] }), field: null }];
      },
    },
    {
      rule: 'publishing where review is required goes through review',
      reason: 'REVIEW_REQUIRED',
      doors: () =>
        Promise.resolve([
          {
            door: 'CSV import',
            attempt: () => csv(['code;domain;status;prefLabel@fr', `${code()};FIN;DEPRECATED;${label('Ancien')}`]),
            field: 'status',
          },
          {
            door: 'SKOS import',
            attempt: () => turtle(skos(code(), `skos:prefLabel "${label('Ancien')}"@fr ; bmo:status "DEPRECATED"`)),
            field: 'status',
          },
        ]),
    },
    {
      rule: 'transitions follow the status machine',
      reason: 'TRANSITION_NOT_ALLOWED',
      doors: async () => {
        const existing = await draft();
        return [
          { door: 'approveConcept of a draft where review is required', attempt: () => approve(existing.code), field: null },
          { door: 'approveConcepts', attempt: () => approveMany([existing.code]), field: null },
        ];
      },
    },
    {
      rule: 'a file does not take a published entry back',
      reason: 'STATUS_DOWNGRADE',
      doors: () =>
        Promise.resolve([
          { door: 'CSV import (admin)', attempt: () => csv(['code;domain;status', 'FIN-0001;FIN;DRAFT'], ADMIN), field: 'status' },
        ]),
    },
  ];

  describe.each(RULES)('$rule ($reason)', ({ reason, doors }) => {
    it('is refused the same way by every door, with nothing written', async () => {
      const scenes = await doors();
      const seen: Record<string, Refusal> = {};
      for (const { door, attempt, field } of scenes) {
        seen[door] = await refusedWithNothingWritten(attempt);
        expect({ door, refusal: seen[door] }).toEqual({ door, refusal: { reason, field } });
      }
      expect(Object.keys(seen).length).toBe(scenes.length);
    });
  });
});
