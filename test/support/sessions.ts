import type { TestApp } from './test-app';

/** Signs a demo persona in through POST /auth/demo; returns the Cookie header that carries its session. */
export async function demoSession(t: TestApp, persona: string): Promise<{ cookie: string; token: string }> {
  const response = await t.http().post('/auth/demo').set('content-type', 'application/json').send({ persona });
  if (response.status !== 200) throw new Error(`Demo sign-in of ${persona} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const token = sessionCookieValue(response.headers['set-cookie']);
  if (!token) throw new Error('The demo sign-in set no session cookie');
  return { cookie: `lexique_session=${token}`, token };
}

/** The value the response sets for the session cookie ('' when it clears it), undefined when it sets none. */
export function sessionCookieValue(setCookie: string | string[] | undefined): string | undefined {
  const headers = Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : [];
  const line = headers.find((h) => h.startsWith('lexique_session='));
  return line === undefined ? undefined : line.slice('lexique_session='.length).split(';')[0];
}
