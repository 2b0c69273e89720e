import { ApiKeyService } from '@lexique/access';
import { Role, systemContext } from '@lexique/core';
import { migrate } from '@lexique/database';
import { operatorPrincipal } from '../cli-principal';
import { Command, CommandEnvironment, UsageError } from '../command';

const USAGE = [
  'lexique keys create --name sig-rh --role INTEGRATOR [--role STEWARD --domain FIN]…',
  '       lexique keys list [--all]',
  '       lexique keys revoke <prefix>',
].join('\n');

export const keysCommand: Command = {
  name: 'keys',
  summary: 'create, list and revoke the API keys of integrations',
  usage: USAGE,
  options: {
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    domain: { type: 'string', multiple: true },
    all: { type: 'boolean' },
  },
  async run(env, values, [action, ...rest]) {
    await migrate(env.database.url);
    const keys = (await env.services()).get(ApiKeyService);
    const ctx = systemContext(`cli:keys`, operatorPrincipal());
    switch (action) {
      case 'create': {
        if (typeof values.name !== 'string') throw new UsageError(`--name is required\nUsage: ${USAGE}`);
        const roles = ((values.role as string[] | undefined) ?? [Role.INTEGRATOR]).map((r) => r.trim().toUpperCase() as Role);
        const { apiKey, secret } = await keys.create(ctx, {
          name: values.name,
          roles,
          stewardDomains: values.domain as string[] | undefined,
        });
        env.print(`Created ${apiKey.prefix} "${apiKey.name}" (${apiKey.roles.join(', ')}${scope(apiKey.stewardDomains)}).`);
        env.print("The key, shown only this once; store it in the integration's secrets:");
        env.print(secret);
        return;
      }
      case 'list':
        return list(env, await keys.list(ctx, values.all === true));
      case 'revoke': {
        if (rest.length !== 1) throw new UsageError(`Give the prefix of one key\nUsage: ${USAGE}`);
        const key = await keys.revoke(ctx, rest[0]);
        env.print(`Revoked ${key.prefix} "${key.name}" at ${key.revokedAt?.toISOString()}.`);
        return;
      }
      default:
        throw new UsageError(`Usage: ${USAGE}`);
    }
  },
};

function list(env: CommandEnvironment, keys: Awaited<ReturnType<ApiKeyService['list']>>) {
  if (keys.length === 0) return env.print('No API keys.');
  for (const key of keys) {
    const state = key.revokedAt ? `revoked ${key.revokedAt.toISOString()}` : `last used ${key.lastUsedAt?.toISOString() ?? 'never'}`;
    env.print(
      `${key.prefix}  ${key.name}  ${key.roles.join(',')}${scope(key.stewardDomains)}  created ${key.createdAt.toISOString()} by ${key.createdBy}  ${state}`,
    );
  }
}

const scope = (domains: string[]) => (domains.length ? ` on ${domains.join(', ')}` : '');
