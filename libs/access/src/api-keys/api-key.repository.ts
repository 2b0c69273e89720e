import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ApiKeyEntity } from './api-key.entity';

export type NewApiKey = Pick<ApiKeyEntity, 'prefix' | 'name' | 'roles' | 'stewardDomains' | 'secretHash' | 'createdBy'>;

@Injectable()
export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** A key that still works, with its hash; one primary-key lookup per request. */
  findLive(prefix: string): Promise<ApiKeyEntity | null> {
    return this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .addSelect('k.secretHash')
      .where('k.prefix = :prefix AND k.revoked_at IS NULL', { prefix })
      .getOne();
  }

  findByPrefix(manager: EntityManager, prefix: string): Promise<ApiKeyEntity | null> {
    return manager.getRepository(ApiKeyEntity).findOne({ where: { prefix }, lock: { mode: 'pessimistic_write' } });
  }

  list(includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    const query = this.dataSource
      .getRepository(ApiKeyEntity)
      .createQueryBuilder('k')
      .orderBy('k.created_at', 'DESC')
      .addOrderBy('k.prefix');
    if (!includeRevoked) query.where('k.revoked_at IS NULL');
    return query.getMany();
  }

  async insert(manager: EntityManager, key: NewApiKey): Promise<ApiKeyEntity> {
    const repository = manager.getRepository(ApiKeyEntity);
    const { identifiers } = await repository.insert(key);
    return repository.findOneOrFail({ where: { id: identifiers[0].id as string } });
  }

  async revoke(manager: EntityManager, id: string): Promise<ApiKeyEntity> {
    await manager.query(`UPDATE api_key SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL`, [id]);
    return manager.getRepository(ApiKeyEntity).findOneOrFail({ where: { id } });
  }

  /**
   * Records use at most once a minute per key, whichever replica sees it: a
   * key called a thousand times a second costs one write a minute.
   */
  async touch(prefix: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_key SET last_used_at = now()
       WHERE prefix = $1 AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')`,
      [prefix],
    );
  }

  /** Codes among these that name no domain (the domain table belongs to the vocabulary). */
  async unknownDomains(manager: EntityManager, codes: string[]): Promise<string[]> {
    if (codes.length === 0) return [];
    const rows: { code: string }[] = await manager.query(
      `SELECT c AS code FROM unnest($1::text[]) AS c WHERE NOT EXISTS (SELECT 1 FROM domain d WHERE d.code = c)`,
      [codes],
    );
    return rows.map((r) => r.code);
  }
}
