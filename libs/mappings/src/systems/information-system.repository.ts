import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { PreparedQueries, preparedStatement } from '@lexique/database';
import { MappingRelation } from '../mappings/mapping-relation';
import { InformationSystemEntity } from './information-system.entity';
import { SystemStatus } from './system-status';

export type RelationCounts = Record<MappingRelation, number>;

// Columns under the entity's property names; dates as text, as TypeORM reads them.
const BY_CODES = preparedStatement(
  'system.byCodes',
  `SELECT code, name, kind, owner_code AS "ownerCode", owner_name AS "ownerName", description, status,
     active_since::text AS "activeSince", retiring_since::text AS "retiringSince", retired_on::text AS "retiredOn",
     version, created_at AS "createdAt", updated_at AS "updatedAt"
   FROM information_system WHERE code = ANY($1::text[])`,
);

@Injectable()
export class InformationSystemRepository {
  constructor(
    @InjectRepository(InformationSystemEntity) private readonly systems: Repository<InformationSystemEntity>,
    private readonly queries: PreparedQueries,
  ) {}

  list(statuses?: SystemStatus[]): Promise<InformationSystemEntity[]> {
    const query = this.systems.createQueryBuilder('s').orderBy('s.code', 'ASC');
    if (statuses?.length) query.where('s.status IN (:...statuses)', { statuses });
    return query.getMany();
  }

  /** Prepared: every translation of an unknown code and every crosswalk's target system comes here. */
  async findByCodes(codes: readonly string[]): Promise<InformationSystemEntity[]> {
    if (codes.length === 0) return [];
    const rows = await this.queries.rows<InformationSystemEntity>(BY_CODES, [codes]);
    return rows.map((row) => Object.assign(new InformationSystemEntity(), row));
  }

  /** Local codes per relation among the published mappings valid today, for each system. */
  async coverage(codes: readonly string[]): Promise<Map<string, RelationCounts>> {
    const rows: { system: string; relation: MappingRelation; count: number }[] = await this.systems.manager.query(
      `SELECT system_code AS system, relation, count(*)::int AS count
       FROM mapping
       WHERE system_code = ANY($1) AND status = 'PUBLISHED'
         AND daterange(valid_from, valid_to, '[)') @> CURRENT_DATE
       GROUP BY system_code, relation`,
      [codes],
    );
    const counts = new Map<string, RelationCounts>();
    for (const row of rows) {
      const forSystem = counts.get(row.system) ?? emptyCounts();
      forSystem[row.relation] = row.count;
      counts.set(row.system, forSystem);
    }
    return counts;
  }
}

export function emptyCounts(): RelationCounts {
  return Object.fromEntries(Object.values(MappingRelation).map((relation) => [relation, 0])) as RelationCounts;
}
