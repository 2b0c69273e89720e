import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { MappingRelation } from '../mappings/mapping-relation';
import { InformationSystemEntity } from './information-system.entity';
import { SystemStatus } from './system-status';

export type RelationCounts = Record<MappingRelation, number>;

@Injectable()
export class InformationSystemRepository {
  constructor(@InjectRepository(InformationSystemEntity) private readonly systems: Repository<InformationSystemEntity>) {}

  list(statuses?: SystemStatus[]): Promise<InformationSystemEntity[]> {
    const query = this.systems.createQueryBuilder('s').orderBy('s.code', 'ASC');
    if (statuses?.length) query.where('s.status IN (:...statuses)', { statuses });
    return query.getMany();
  }

  findByCodes(codes: readonly string[]): Promise<InformationSystemEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.systems.createQueryBuilder('s').where('s.code = ANY(:codes)', { codes }).getMany();
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
