import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { badInput, conflict, forbidden, notFound, Principal, RequestContext, Role, unauthenticated } from '@lexique/core';
import { ChangeLogRepository, pgErrorCode, PG_UNIQUE_VIOLATION } from '@lexique/database';
import { apiKeyMatches, apiKeyPrefix, hashApiKey, newApiKey } from './api-key-secret';
import { ApiKeyEntity } from './api-key.entity';
import { ApiKeyRepository } from './api-key.repository';
import { AccessPolicy } from '../policy/access-policy';

export interface ApiKeyInput {
  name: string;
  roles: Role[];
  stewardDomains?: string[] | null;
}

/** Roles a key may carry: an integration never administers, so a leaked key cannot mint others. */
const KEY_ROLES: readonly Role[] = [Role.READER, Role.INTEGRATOR, Role.STEWARD];
const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeyService {
  private readonly logger = new Logger('ApiKeys');
  /** When this process last recorded each key's use. */
  private readonly touched = new Map<string, number>();

  constructor(
    private readonly dataSource: DataSource,
    private readonly keys: ApiKeyRepository,
    private readonly changes: ChangeLogRepository,
  ) {}

  /** The integration a key stands for; a revoked, unknown or malformed key is refused. */
  async authenticate(secret: string): Promise<Principal> {
    const prefix = apiKeyPrefix(secret);
    const key = prefix ? await this.keys.findLive(prefix) : null;
    if (!key || !apiKeyMatches(secret, key.secretHash)) throw unauthenticated('The API key is unknown or revoked');
    await this.recordUse(key.prefix);
    return { id: `key:${key.prefix}`, name: key.name, kind: 'api-key', roles: key.roles, stewardDomains: key.stewardDomains };
  }

  async create(ctx: RequestContext, input: ApiKeyInput): Promise<{ apiKey: ApiKeyEntity; secret: string }> {
    requireAdmin(ctx);
    const name = input.name.trim();
    if (!name || name.length > 100) throw badInput('input.name', 'The name must have 1 to 100 characters');
    const roles = [...new Set(input.roles)];
    if (roles.length === 0) throw badInput('input.roles', 'Give at least one role');
    const refused = roles.find((role) => !KEY_ROLES.includes(role));
    if (refused) throw badInput('input.roles', `An API key cannot be ${refused}: use READER, INTEGRATOR or STEWARD`);
    const stewardDomains = [...new Set((input.stewardDomains ?? []).map((d) => d.trim().toUpperCase()))];
    if (stewardDomains.length && !roles.includes(Role.STEWARD)) {
      throw badInput('input.stewardDomains', 'Steward domains only make sense with the STEWARD role');
    }
    if (roles.includes(Role.STEWARD) && !stewardDomains.length) {
      throw badInput('input.stewardDomains', 'A STEWARD key needs the domains it may write in');
    }
    const { prefix, secret } = newApiKey();
    try {
      const apiKey = await this.dataSource.transaction(async (manager) => {
        const unknown = await this.keys.unknownDomains(manager, stewardDomains);
        if (unknown.length) throw badInput('input.stewardDomains', `Unknown domain(s): ${unknown.join(', ')}`);
        const created = await this.keys.insert(manager, {
          prefix,
          name,
          roles,
          stewardDomains,
          secretHash: hashApiKey(secret),
          createdBy: ctx.principal.id,
        });
        await this.changes.record(manager, {
          principal: ctx.principal.id,
          entityType: 'API_KEY',
          entityId: created.id,
          entityKey: created.prefix,
          action: 'CREATE',
          after: publicView(created),
        });
        return created;
      });
      return { apiKey, secret };
    } catch (error) {
      if (pgErrorCode(error) === PG_UNIQUE_VIOLATION) throw conflict(`A live API key is already named "${name}"`);
      throw error;
    }
  }

  list(ctx: RequestContext, includeRevoked: boolean): Promise<ApiKeyEntity[]> {
    requireAdmin(ctx);
    return this.keys.list(includeRevoked);
  }

  /** Takes effect on the next request: keys are looked up on every one. */
  async revoke(ctx: RequestContext, prefix: string, reason?: string): Promise<ApiKeyEntity> {
    requireAdmin(ctx);
    return this.dataSource.transaction(async (manager) => {
      const key = await this.keys.findByPrefix(manager, prefix.trim());
      if (!key) throw notFound(`No API key has the prefix "${prefix}"`, 'prefix');
      if (key.revokedAt) return key;
      const revoked = await this.keys.revoke(manager, key.id);
      await this.changes.record(manager, {
        principal: ctx.principal.id,
        entityType: 'API_KEY',
        entityId: key.id,
        entityKey: key.prefix,
        action: 'REVOKE',
        before: publicView(key),
        after: publicView(revoked),
        reason: reason ?? null,
      });
      return revoked;
    });
  }

  private async recordUse(prefix: string): Promise<void> {
    const now = Date.now();
    if (now - (this.touched.get(prefix) ?? 0) < TOUCH_INTERVAL_MS) return;
    this.touched.set(prefix, now);
    // a lost "last used" time must not refuse a valid call
    await this.keys.touch(prefix).catch((error: unknown) => this.logger.warn(`Could not record the use of ${prefix}: ${String(error)}`));
  }
}

function requireAdmin(ctx: RequestContext): void {
  if (!AccessPolicy.of(ctx.principal).mayAdminister) throw forbidden('Only an administrator manages API keys');
}

/** What the change log keeps of a key: never its secret or hash. */
function publicView(key: ApiKeyEntity) {
  return { prefix: key.prefix, name: key.name, roles: key.roles, stewardDomains: key.stewardDomains, revokedAt: key.revokedAt };
}
