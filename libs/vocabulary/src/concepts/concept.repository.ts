import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository, SelectQueryBuilder } from 'typeorm';
import { PreparedQueries, PreparedStatement, preparedStatement, prefixedColumns } from '@lexique/database';
import { CONCEPT_ROW_COLUMNS, conceptFromRow, ConceptRow } from './concept-row';
import { CONCEPT_SNAPSHOT_SQL, ConceptSnapshot } from './concept-snapshot';
import { ConceptStatus } from './concept-status';
import { ConceptEntity } from './concept.entity';
import { isVisible, Visibility, visibilityCondition } from './visibility';

export interface ConceptListFilter {
  domain?: string;
  statuses?: ConceptStatus[];
}

/** Pairs (owner concept id → related concept) for batch loading of relations. */
export interface ConceptLink {
  ownerId: string;
  concept: ConceptEntity;
}

type LinkKind = 'broader' | 'narrower' | 'related';

// For each relation: the link table, the column naming the owner, the column naming the target.
const LINKS: Record<LinkKind, { table: string; owner: string; target: string }> = {
  broader: { table: 'concept_broader', owner: 'concept_id', target: 'broader_id' },
  narrower: { table: 'concept_broader', owner: 'broader_id', target: 'concept_id' },
  related: { table: 'concept_related', owner: 'concept_id', target: 'related_id' },
};

// Lookups by code or id are most of the reads (the API's `concept`, every
// DataLoader): prepared, and filtered by visibility once the rows are in hand.
// One key gets its own statement, whose generic plan PostgreSQL keeps (see the
// translation repository: with `= ANY` it would plan every call again).
const COLUMNS = prefixedColumns('c', '', CONCEPT_ROW_COLUMNS);
const lookupStatements = (key: string, type: string) => ({
  one: preparedStatement(`concept.by_${key}`, `SELECT ${COLUMNS} FROM concept c WHERE c.${key} = ($1::${type}[])[1]`),
  many: preparedStatement(`concept.by_${key}s`, `SELECT ${COLUMNS} FROM concept c WHERE c.${key} = ANY($1::${type}[])`),
});
const BY_CODE = lookupStatements('code', 'text');
const BY_ID = lookupStatements('id', 'uuid');

@Injectable()
export class ConceptRepository {
  constructor(
    @InjectRepository(ConceptEntity) private readonly concepts: Repository<ConceptEntity>,
    private readonly queries: PreparedQueries,
  ) {}

  private visible(visibility: Visibility, alias = 'c'): SelectQueryBuilder<ConceptEntity> {
    const condition = visibilityCondition(alias, visibility);
    return this.concepts.createQueryBuilder(alias).where(condition.sql, condition.params);
  }

  findByCodes(visibility: Visibility, codes: readonly string[]): Promise<ConceptEntity[]> {
    return this.lookup(BY_CODE, visibility, codes);
  }

  findByIds(visibility: Visibility, ids: readonly string[]): Promise<ConceptEntity[]> {
    return this.lookup(BY_ID, visibility, ids);
  }

  /** Concepts as the change log records them, by id (whatever their status: callers have checked who may see them). */
  async snapshots(ids: readonly string[]): Promise<Map<string, ConceptSnapshot>> {
    if (ids.length === 0) return new Map();
    const rows: { id: string; snapshot: ConceptSnapshot }[] = await this.concepts.manager.query(
      `SELECT c.id, ${CONCEPT_SNAPSHOT_SQL} AS snapshot FROM concept c WHERE c.id = ANY($1::uuid[])`,
      [ids],
    );
    return new Map(rows.map((row) => [row.id, row.snapshot]));
  }

  private async lookup(
    statements: { one: PreparedStatement; many: PreparedStatement },
    visibility: Visibility,
    keys: readonly string[],
  ): Promise<ConceptEntity[]> {
    if (keys.length === 0) return [];
    const rows = await this.queries.rows<ConceptRow>(keys.length === 1 ? statements.one : statements.many, [keys]);
    return rows.map(conceptFromRow).filter((concept) => isVisible(visibility, concept));
  }

  private filtered(visibility: Visibility, filter: ConceptListFilter): SelectQueryBuilder<ConceptEntity> {
    const query = this.visible(visibility);
    if (filter.domain) query.andWhere('c.domain_code = :domain', { domain: filter.domain });
    if (filter.statuses?.length) query.andWhere('c.status IN (:...statuses)', { statuses: filter.statuses });
    return query;
  }

  /** A keyset page ordered by code: up to `limit` concepts with a code after `afterCode`. */
  page(visibility: Visibility, filter: ConceptListFilter, limit: number, afterCode?: string): Promise<ConceptEntity[]> {
    const query = this.filtered(visibility, filter);
    if (afterCode !== undefined) query.andWhere('c.code > :afterCode', { afterCode });
    return query.orderBy('c.code', 'ASC').limit(limit).getMany();
  }

  count(visibility: Visibility, filter: ConceptListFilter): Promise<number> {
    return this.filtered(visibility, filter).getCount();
  }

  async countByDomain(visibility: Visibility, domains: readonly string[]): Promise<Map<string, number>> {
    const rows = await this.visible(visibility)
      .andWhere('c.domain_code = ANY(:domains)', { domains })
      .select('c.domain_code', 'domain')
      .addSelect('count(*)::int', 'count')
      .groupBy('c.domain_code')
      .getRawMany<{ domain: string; count: number }>();
    return new Map(rows.map((row) => [row.domain, row.count]));
  }

  /** The visible concepts linked to each of `ownerIds`, in one statement, ordered by code. */
  async linked(visibility: Visibility, kind: LinkKind, ownerIds: readonly string[]): Promise<ConceptLink[]> {
    if (ownerIds.length === 0) return [];
    const link = LINKS[kind];
    const { entities, raw } = await this.visible(visibility)
      .innerJoin(link.table, 'l', `l.${link.target} = c.id`)
      .addSelect(`l.${link.owner}`, 'owner_id')
      .andWhere(`l.${link.owner} = ANY(:ownerIds::uuid[])`, { ownerIds })
      .orderBy('c.code', 'ASC')
      .getRawAndEntities<{ owner_id: string; c_id: string }>();
    const byId = new Map(entities.map((concept) => [concept.id, concept]));
    return raw.flatMap((row) => {
      const concept = byId.get(row.c_id);
      return concept ? [{ ownerId: row.owner_id, concept }] : [];
    });
  }

  /**
   * The highest number among a domain's codes written in digits only
   * (FIN-0420 → 420) and the widest such number, whatever their status:
   * a code stays taken by drafts and deprecated concepts alike.
   */
  async highestNumberedCode(domain: string): Promise<{ highest: string | null; width: number | null }> {
    const [row]: { highest: string | null; width: number | null }[] = await this.concepts.manager.query(
      `SELECT max(substr(code, length($1) + 2)::numeric)::text AS highest, max(length(code) - length($1) - 1) AS width
       FROM concept WHERE domain_code = $1 AND substr(code, length($1) + 2) ~ '^[0-9]{1,12}$'`,
      [domain],
    );
    return row;
  }
}
