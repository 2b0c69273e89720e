import { SignJWT } from 'jose';
import { localJwtSecret } from '@lexique/access';
import { Role } from '@lexique/core';
import { Command, UsageError } from '../command';

const ROLES = Object.values(Role) as string[];
const NAME = /^[A-Za-z0-9._@-]{1,64}$/;
const DURATION = /^\d+\s*[smhdw]$/;
const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86_400, w: 604_800 };

export const tokenCommand: Command = {
  name: 'token',
  summary: 'development: mint a bearer token signed with the local secret',
  usage: 'lexique token --name alice [--role STEWARD]… [--domain FIN]… [--expires 8h]',
  options: {
    name: { type: 'string' },
    role: { type: 'string', multiple: true },
    domain: { type: 'string', multiple: true },
    expires: { type: 'string' },
  },
  offline: true,
  async run(env, values) {
    const name = typeof values.name === 'string' ? values.name.trim() : '';
    if (!NAME.test(name)) throw new UsageError('--name is required: letters, digits, . _ @ - (up to 64)');
    const roles = ((values.role as string[] | undefined) ?? [Role.READER]).map((r) => r.trim().toUpperCase());
    const unknown = roles.find((r) => !ROLES.includes(r));
    if (unknown) throw new UsageError(`Unknown role "${unknown}": use ${ROLES.join(', ')}`);
    const domains = ((values.domain as string[] | undefined) ?? []).map((d) => d.trim().toUpperCase());
    if (domains.length && !roles.includes(Role.STEWARD)) throw new UsageError('--domain goes with --role STEWARD');
    const expires = typeof values.expires === 'string' ? values.expires.trim() : '8h';
    if (!DURATION.test(expires)) throw new UsageError('--expires takes a duration such as 30m, 8h or 7d');
    const seconds = Number(expires.slice(0, -1).trim()) * UNIT_SECONDS[expires.slice(-1)];
    if (seconds > env.config.authMaxTokenLifetimeSeconds) {
      throw new UsageError(
        `--expires ${expires} is longer than the server accepts (AUTH_MAX_TOKEN_LIFETIME, ${env.config.authMaxTokenLifetimeSeconds} s)`,
      );
    }

    const secret = localJwtSecret(env.config);
    if (!secret) {
      throw new UsageError(
        env.config.authJwksUrl
          ? 'This server trusts tokens of the identity provider only (AUTH_JWKS_URL): sign in there to get one.'
          : 'No local secret: set AUTH_JWT_SECRET (the server must share it) to mint development tokens.',
      );
    }
    const token = await new SignJWT({ name, roles, domains })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(name)
      .setIssuedAt()
      .setExpirationTime(expires)
      .sign(new TextEncoder().encode(secret));
    env.print(token);
  },
};
