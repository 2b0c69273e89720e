import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { DomainError, ErrorCode, Principal, Role, systemContext } from '@lexique/core';
import { ChangeLogRepository, dataSourceOptions } from '@lexique/database';
import { InformationSystemEntity, SystemEditingService, SystemStatus, SystemWriter, SystemWriteRepository } from '@lexique/mappings';
import { createTestDatabase, dropTestDatabase } from '../support/test-server';

const admin = systemContext('test', { id: 'user:root', name: 'root', kind: 'user', roles: [Role.ADMIN], stewardDomains: [] });
const steward: Principal = { id: 'user:alice', name: 'alice', kind: 'user', roles: [Role.STEWARD], stewardDomains: ['RH'] };

describe('system admin writes (integration, real PostgreSQL)', () => {
  let url: string;
  let dataSource: DataSource;
  let systems: SystemEditingService;

  beforeAll(async () => {
    url = await createTestDatabase();
    dataSource = new DataSource({ ...dataSourceOptions({ url, poolSize: 5 }), entities: [InformationSystemEntity] });
    await dataSource.initialize();
    systems = new SystemEditingService(dataSource, new SystemWriter(new SystemWriteRepository(new ChangeLogRepository())));
  });
  afterAll(async () => {
    await dataSource.destroy();
    await dropTestDatabase(url);
  });

  const changesOf = async (code: string) =>
    dataSource.query(
      `SELECT principal, action, before, after, reason FROM change WHERE entity_type = 'SYSTEM' AND entity_key = $1 ORDER BY seq`,
      [code],
    );
  const rowOf = async (code: string) => (await dataSource.query(`SELECT * FROM information_system WHERE code = $1`, [code]))[0];

  it('creates a system with a change row, and moves it through its lifecycle', async () => {
    const created = await systems.create(
      admin,
      {
        code: 'sirh-test',
        name: ' SIRH  de test ',
        kind: 'rh',
        owner: '33063',
        ownerName: 'Ville de Bordeaux',
        description: { fr: 'Paie' },
      },
      'inventaire',
    );
    expect(created).toMatchObject({ code: 'SIRH-TEST', name: 'SIRH de test', kind: 'RH', status: SystemStatus.ACTIVE, version: 1 });
    const retiring = await systems.update(admin, 'SIRH-TEST', 1, { status: SystemStatus.RETIRING }, 'bascule vers le SIRH mutualisé');
    expect(retiring).toMatchObject({ status: SystemStatus.RETIRING, version: 2 });
    expect(retiring.retiringSince).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    const retired = await systems.update(admin, 'SIRH-TEST', 2, { status: SystemStatus.RETIRED, retiredOn: '2026-12-31' });
    expect(retired).toMatchObject({ status: SystemStatus.RETIRED, retiredOn: '2026-12-31', version: 3 });

    const changes = await changesOf('SIRH-TEST');
    expect(changes.map((c: any) => [c.principal, c.action, c.reason])).toEqual([
      ['user:root', 'CREATE', 'inventaire'],
      ['user:root', 'UPDATE', 'bascule vers le SIRH mutualisé'],
      ['user:root', 'UPDATE', null],
    ]);
    expect([changes[1].before.status, changes[1].after.status]).toEqual(['ACTIVE', 'RETIRING']);
  });

  it('refuses, as taken, a code another write creates while this one waits (never an internal error)', async () => {
    const other = new Client({ connectionString: url });
    await other.connect();
    try {
      await other.query('BEGIN');
      await other.query(
        `INSERT INTO information_system (code, name, kind, owner_code, owner_name, status)
         VALUES ('SI-COURSE', 'Créé en même temps', 'RH', '33063', 'Ville de Bordeaux', 'ACTIVE')`,
      );
      const input = { code: 'SI-COURSE', name: 'Créé ici', kind: 'RH', owner: '33063', ownerName: 'Ville de Bordeaux' };
      const created = systems.create(admin, input).then(
        () => null,
        (error: unknown) => error,
      );
      // the create read no row for the code, and now waits on the other write's key
      await new Promise((resolve) => setTimeout(resolve, 300));
      await other.query('COMMIT');
      const error = await created;
      expect(error).toBeInstanceOf(DomainError);
      expect(error).toMatchObject({ reason: 'CODE_TAKEN', field: 'input.code' });
    } finally {
      await other.end();
    }
    expect(await rowOf('SI-COURSE')).toMatchObject({ name: 'Créé en même temps' });
    expect(await changesOf('SI-COURSE')).toEqual([]);
  });

  it('refuses a transition outside the lifecycle, a stale version and bad input, changing nothing', async () => {
    const before = [await rowOf('SIRH-TEST'), await changesOf('SIRH-TEST')];
    const refusal = (run: () => Promise<unknown>) =>
      run().then(
        () => Promise.reject(new Error('accepted')),
        (e: DomainError) => e,
      );
    expect(await refusal(() => systems.update(admin, 'SIRH-TEST', 3, { status: SystemStatus.ACTIVE }))).toMatchObject({
      code: ErrorCode.CONFLICT,
      details: { status: 'RETIRED', allowedActions: [] },
    });
    expect(await refusal(() => systems.update(admin, 'SIRH-TEST', 1, { name: 'Nouveau nom' }))).toMatchObject({
      code: ErrorCode.CONFLICT,
      details: { currentVersion: 3 },
    });
    for (const [input, field] of [
      [{ name: '  ' }, 'input.name'],
      [{ owner: '123' }, 'input.owner'],
      [{ kind: 'ressources humaines' }, 'input.kind'],
      [{ retiredOn: '2026-13-45' }, 'input.retiredOn'],
      [{ description: { fr: 'ok', it: 'no' } }, 'input.description.it'],
    ] as const) {
      expect(await refusal(() => systems.update(admin, 'SIRH-TEST', 3, input))).toMatchObject({ code: ErrorCode.BAD_USER_INPUT, field });
    }
    expect(
      await refusal(() => systems.create(admin, { code: 'bad code', name: 'x', kind: 'RH', owner: '33063', ownerName: 'x' })),
    ).toMatchObject({
      field: 'input.code',
    });
    expect(
      await refusal(() => systems.create(admin, { code: 'SIRH-TEST', name: 'x', kind: 'RH', owner: '33063', ownerName: 'x' })),
    ).toMatchObject({
      field: 'input.code',
    });
    expect(await refusal(() => systems.update(systemContext('t', steward), 'SIRH-TEST', 3, { name: 'x' }))).toMatchObject({
      code: ErrorCode.FORBIDDEN,
    });
    expect([await rowOf('SIRH-TEST'), await changesOf('SIRH-TEST')]).toEqual(before);
  });
});
