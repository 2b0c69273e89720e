import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { Principal } from '@lexique/core';

/** Someone who signed in to the page: what notifications need to reach them. */
export interface Person {
  id: string;
  name: string;
  email: string | null;
  roles: string[];
  stewardDomains: string[];
}

/** People as they were when they last signed in (the provider is the source of their rights). */
@Injectable()
export class PeopleRepository {
  constructor(private readonly dataSource: DataSource) {}

  async record(principal: Principal, email: string | null): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO person (id, name, email, roles, steward_domains) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (id) DO UPDATE SET name = excluded.name, email = excluded.email, roles = excluded.roles,
         steward_domains = excluded.steward_domains, last_sign_in_at = now()`,
      [principal.id, principal.name, email, principal.roles, principal.stewardDomains],
    );
  }

  async find(ids: readonly string[]): Promise<Person[]> {
    if (ids.length === 0) return [];
    return this.dataSource.query(
      `SELECT id, name, email, roles, steward_domains AS "stewardDomains" FROM person WHERE id = ANY($1) ORDER BY id`,
      [ids],
    );
  }

  /** The stewards of a domain who gave an email address (admins are not stewards of every domain's mail). */
  stewardsOf(domain: string): Promise<Person[]> {
    return this.dataSource.query(
      `SELECT id, name, email, roles, steward_domains AS "stewardDomains" FROM person
       WHERE steward_domains @> ARRAY[$1]::text[] AND 'STEWARD' = ANY(roles) AND email IS NOT NULL
       ORDER BY id`,
      [domain],
    );
  }
}
