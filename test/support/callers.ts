import { INestApplication } from '@nestjs/common';
import { ApiKeyService } from '@lexique/access';
import { Role, systemContext } from '@lexique/core';
import { bearer } from './auth';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

/** What a caller sends to say who it is (none for an anonymous one). */
export type Headers = Record<string, string>;

/** The kinds of caller the access matrix tries every operation with. */
export const CALLERS = ['anonymous', 'reader', 'integrator', 'steward', 'otherSteward', 'admin', 'apiKey'] as const;
export type Caller = (typeof CALLERS)[number];

/** Domain the matrix's steward holds; `otherSteward` holds another one. */
export const STEWARD_DOMAIN = 'FIN';

/** Headers for each caller of the access matrix; `apiKey` is a live INTEGRATOR key created for the occasion. */
export async function callerHeaders(app: INestApplication): Promise<Record<Caller, Headers>> {
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

/**
 * The people of the stewardship tests: stewards of FIN write FIN (and review
 * each other), the one of RH does not; the setup admins prepare what a test
 * acts on, so that anyone else may review it.
 */
export async function callers() {
  return {
    anonymous: {} as Headers,
    reader: await bearer({ name: 'rita', roles: [Role.READER] }),
    integrator: await bearer({ name: 'ivan', roles: [Role.INTEGRATOR] }),
    steward: await bearer({ name: 'alice', roles: [Role.STEWARD], domains: ['FIN'] }),
    reviewer: await bearer({ name: 'bob', roles: [Role.STEWARD], domains: ['FIN'] }),
    otherSteward: await bearer({ name: 'olga', roles: [Role.STEWARD], domains: ['RH'] }),
    admin: await bearer({ name: 'root', roles: [Role.ADMIN] }),
    setup: await bearer({ name: 'setup', roles: [Role.ADMIN] }),
    setupReviewer: await bearer({ name: 'setup-reviewer', roles: [Role.ADMIN] }),
  };
}

export type Callers = Awaited<ReturnType<typeof callers>>;

/**
 * The API on its own seeded database and the stewardship tests' callers, for
 * the tests of the describe it is called in: started before the first, closed
 * after the last. Both are given at once, to be used from the tests on: `t`
 * stands for the API started then, `who` is filled in then.
 */
export function apiWithCallers(options: TestAppOptions = {}): { t: TestApp; who: Callers } {
  let started: TestApp | undefined;
  const who = {} as Callers;
  beforeAll(async () => {
    started = await startTestApp(options);
    Object.assign(who, await callers());
  });
  afterAll(() => started?.close());
  const t = new Proxy({} as TestApp, {
    get(_, key) {
      if (!started) throw new Error('The API is started in the describe’s beforeAll: use it from the tests on');
      return Reflect.get(started, key);
    },
  });
  return { t, who };
}
