import { INestApplication } from '@nestjs/common';
import { ApiKeyService } from '@lexique/access';
import { Role, systemContext } from '@lexique/core';
import { bearer } from './auth';

/** The kinds of caller the access matrix tries every operation with. */
export const CALLERS = ['anonymous', 'reader', 'integrator', 'steward', 'otherSteward', 'admin', 'apiKey'] as const;
export type Caller = (typeof CALLERS)[number];

/** Domain the matrix's steward holds; `otherSteward` holds another one. */
export const STEWARD_DOMAIN = 'FIN';

/** Headers for each caller; `apiKey` is a live INTEGRATOR key created for the occasion. */
export async function callerHeaders(app: INestApplication): Promise<Record<Caller, Record<string, string>>> {
  const { secret } = await app
    .get(ApiKeyService)
    .create(systemContext('test'), { name: `matrix-${Math.random().toString(36).slice(2)}`, roles: [Role.INTEGRATOR] });
  return {
    anonymous: {},
    reader: await bearer({ name: 'rita', roles: [Role.READER] }),
    integrator: await bearer({ name: 'ivan', roles: [Role.INTEGRATOR] }),
    steward: await bearer({ name: 'sofia', roles: [Role.STEWARD], domains: [STEWARD_DOMAIN] }),
    otherSteward: await bearer({ name: 'oscar', roles: [Role.STEWARD], domains: ['RH'] }),
    admin: await bearer({ name: 'ada', roles: [Role.ADMIN] }),
    apiKey: { 'x-api-key': secret },
  };
}
