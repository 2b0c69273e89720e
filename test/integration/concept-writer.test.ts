import { DataSource } from 'typeorm';
import { DomainError, ErrorCode } from '@lexique/core';
import { dataSourceOptions } from '@lexique/database';
import { ConceptEntity, ConceptWriterRepository, DomainEntity } from '@lexique/vocabulary';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

/**
 * The optimistic lock lives in the UPDATE itself: checking the version on
 * read and then writing would let two writers that read the same version
 * both succeed.
 */
describe('concept writes (integration, real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  const writer = new ConceptWriterRepository();
  let concept: ConceptEntity;

  beforeAll(async () => {
    url = await createTestDatabase();
    dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 5 }), entities: [ConceptEntity, DomainEntity] });
    await dataSource.initialize();
    await dataSource.query(`INSERT INTO domain (code, label) VALUES ('FIN', '{"fr": "Finances"}')`);
    concept = await dataSource.transaction((m) =>
      writer.insert(m, {
        code: 'FIN-0001',
        domain: 'FIN',
        lastEditor: 'user:alice',
        content: {
          prefLabel: { fr: 'Budget' },
          altLabels: {},
          hiddenLabels: [],
          acronyms: [],
          definition: {},
          scopeNote: {},
          source: null,
          broader: [],
          related: [],
        },
      }),
    );
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(url);
  });

  it('writes only when the row is still at the named version, and bumps it', async () => {
    const updated = await dataSource.transaction((m) => writer.update(m, concept, 1, { lastEditor: 'user:bob' }));
    expect(updated.version).toBe(2);
    const stale = await dataSource.transaction((m) => writer.update(m, concept, 1, { lastEditor: 'user:carol' })).catch((e: unknown) => e);
    expect(stale).toBeInstanceOf(DomainError);
    expect(stale).toMatchObject({ code: ErrorCode.CONFLICT, details: { currentVersion: 2 } });
    const [row] = await dataSource.query(`SELECT version, last_editor FROM concept WHERE id = $1`, [concept.id]);
    expect(row).toEqual({ version: 2, last_editor: 'user:bob' });
  });

  it('lets one of two transactions that read the same version write, even when both passed their checks', async () => {
    const [{ version }] = await dataSource.query(`SELECT version FROM concept WHERE id = $1`, [concept.id]);
    const first = dataSource.createQueryRunner();
    await first.connect();
    await first.startTransaction();
    await writer.update(first.manager, concept, version, { lastEditor: 'user:first' });
    // the second one blocks on the row until the first commits, then finds the version gone
    const second = dataSource
      .transaction((m) => writer.update(m, concept, version, { lastEditor: 'user:second' }))
      .catch((e: unknown) => e);
    await new Promise((resolve) => setTimeout(resolve, 50));
    await first.commitTransaction();
    await first.release();
    expect(await second).toMatchObject({ code: ErrorCode.CONFLICT, details: { currentVersion: version + 1 } });
    const [row] = await dataSource.query(`SELECT version, last_editor FROM concept WHERE id = $1`, [concept.id]);
    expect(row).toEqual({ version: version + 1, last_editor: 'user:first' });
  });

  it('keeps the code of a concept that has been published, even against a direct UPDATE', async () => {
    await dataSource.query(`UPDATE concept SET code = 'FIN-0002' WHERE id = $1`, [concept.id]); // a draft never published may
    await dataSource.query(`UPDATE concept SET status = 'PUBLISHED', first_published_at = now() WHERE id = $1`, [concept.id]);
    await expect(dataSource.query(`UPDATE concept SET code = 'FIN-0003' WHERE id = $1`, [concept.id])).rejects.toThrow('cannot change');
  });
});
