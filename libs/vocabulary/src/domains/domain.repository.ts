import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { DomainEntity } from './domain.entity';

@Injectable()
export class DomainRepository {
  constructor(@InjectRepository(DomainEntity) private readonly domains: Repository<DomainEntity>) {}

  findAll(): Promise<DomainEntity[]> {
    return this.domains.find({ order: { code: 'ASC' } });
  }

  findByCodes(codes: readonly string[]): Promise<DomainEntity[]> {
    if (codes.length === 0) return Promise.resolve([]);
    return this.domains.createQueryBuilder('d').where('d.code = ANY(:codes)', { codes }).getMany();
  }

  /**
   * People who wrote in these domains, from the change log: signed-in users
   * only (not the system, imports from the command line or API keys), the
   * most recent first. In a domain whose drafts the caller may not read
   * (`readable`: those they may, null for all) only changes to published
   * content count, as the change log shows them: who worked on a draft, and
   * when, stays with the domain's stewards.
   */
  async maintainers(
    codes: readonly string[],
    limit: number,
    readable: readonly string[] | null,
  ): Promise<Map<string, { name: string; lastChangeAt: Date }[]>> {
    const rows: { domain: string; name: string; last: Date }[] = await this.domains.manager.query(
      `SELECT domain, COALESCE(p.name, substr(principal, 6)) AS name, last FROM (
         SELECT domain_code AS domain, principal, max(at) AS last,
                row_number() OVER (PARTITION BY domain_code ORDER BY max(at) DESC) AS rank
         FROM change
         WHERE domain_code = ANY($1) AND principal LIKE 'user:%' AND entity_type IN ('CONCEPT', 'MAPPING')
           AND ($3::text[] IS NULL OR domain_code = ANY($3)
                OR (action NOT IN ('PROPOSE_REVISION', 'REJECT_REVISION')
                    AND (after ->> 'status' IN ('PUBLISHED', 'DEPRECATED') OR before ->> 'status' IN ('PUBLISHED', 'DEPRECATED'))))
         GROUP BY domain_code, principal
       ) ranked LEFT JOIN person p ON p.id = ranked.principal -- their name, when they signed in to the page
       WHERE rank <= $2 ORDER BY domain, last DESC`,
      [codes, limit, readable],
    );
    const byDomain = new Map<string, { name: string; lastChangeAt: Date }[]>();
    for (const row of rows) byDomain.set(row.domain, [...(byDomain.get(row.domain) ?? []), { name: row.name, lastChangeAt: row.last }]);
    return byDomain;
  }
}
