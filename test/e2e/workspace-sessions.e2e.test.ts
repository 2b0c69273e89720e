import { Client } from 'pg';
import { Role } from '@lexique/core';
import { bearer } from '../support/auth';
import { demoSession, sessionCookieValue } from '../support/sessions';
import { startTestApp, TestApp } from '../support/test-app';

const ME = `{ me { id name kind roles stewardDomains } }`;

async function sql(t: TestApp, text: string, params: unknown[] = []) {
  const client = new Client({ connectionString: t.databaseUrl });
  await client.connect();
  try {
    return (await client.query(text, params)).rows;
  } finally {
    await client.end();
  }
}

describe('sessions of the page (e2e, embedded demo settings)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ embedded: true });
  });
  afterAll(() => t.close());

  it('signs a demo steward in with an httpOnly, SameSite=Strict cookie that the GraphQL API accepts', async () => {
    const response = await t
      .http()
      .post('/auth/demo')
      .set('content-type', 'application/json')
      .send({ persona: 'claire', returnTo: '/concept/FIN-0001' });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ redirect: '/concept/FIN-0001' });
    const line = (response.headers['set-cookie'] as unknown as string[]).find((h) => h.startsWith('lexique_session='))!;
    expect(line).toMatch(/; HttpOnly/);
    expect(line).toMatch(/; SameSite=Strict/);
    expect(line).toMatch(/; Max-Age=28800/);
    const cookie = `lexique_session=${sessionCookieValue(response.headers['set-cookie'])}`;
    const { data, errors } = await t.gql(ME, {}, { cookie });
    expect(errors).toBeUndefined();
    expect(data!.me).toEqual({
      id: 'user:claire.dubois',
      name: 'Claire Dubois',
      kind: 'USER',
      roles: ['STEWARD'],
      stewardDomains: ['FIN'],
    });
    // only the hash of the cookie is stored
    const rows = await sql(t, `SELECT encode(token_hash, 'hex') AS hash FROM web_session WHERE person_id = 'user:claire.dubois'`);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.hash)).not.toContain(cookie.split('=')[1]);
    expect(await sql(t, `SELECT name, email, roles, steward_domains FROM person WHERE id = 'user:claire.dubois'`)).toEqual([
      { name: 'Claire Dubois', email: 'claire.dubois@demo.lexique.invalid', roles: ['STEWARD'], steward_domains: ['FIN'] },
    ]);
  });

  it('never sends back to another site after signing in', async () => {
    for (const returnTo of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)']) {
      const response = await t.http().post('/auth/demo').set('content-type', 'application/json').send({ persona: 'claire', returnTo });
      expect(response.body.redirect).toBe('/');
    }
  });

  it('refuses a sign-in or sign-out that is not JSON (no form of another site can send one), and unknown personas', async () => {
    const form = await t.http().post('/auth/demo').set('content-type', 'application/x-www-form-urlencoded').send('persona=admin');
    expect(form.status).toBe(415);
    expect(sessionCookieValue(form.headers['set-cookie'])).toBeUndefined();
    const unknown = await t.http().post('/auth/demo').set('content-type', 'application/json').send({ persona: 'root' });
    expect(unknown.status).toBe(400);
    expect(unknown.body).toMatchObject({ code: 'BAD_USER_INPUT', field: 'persona' });
    expect((await t.http().post('/auth/logout').set('content-type', 'text/plain').send('x')).status).toBe(415);
  });

  it('refuses GraphQL writes sent with the cookie as a simple cross-site request would (CSRF prevention)', async () => {
    const { cookie } = await demoSession(t, 'claire');
    const mutation = `mutation { createConcept(input: { domain: "FIN", code: "FIN-9001", prefLabel: { fr: "Forgé" } }) { code } }`;
    const forged = await t
      .http()
      .post('/graphql')
      .set({ cookie, 'content-type': 'text/plain' })
      .send(JSON.stringify({ query: mutation }));
    expect(forged.status).toBe(400);
    const { data } = await t.gql(`{ concept(code: "FIN-9001") { code } }`, {}, { cookie });
    expect(data!.concept).toBeNull();
  });

  it('ends a session at its maximum age or when unused too long: refused once with SESSION_EXPIRED, cookie cleared, then anonymous', async () => {
    for (const expire of [
      `UPDATE web_session SET expires_at = now() - interval '1 second' WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
      `UPDATE web_session SET last_seen_at = now() - interval '61 minutes' WHERE token_hash = sha256(convert_to($1, 'UTF8'))`,
    ]) {
      const { cookie, token } = await demoSession(t, 'julien');
      expect((await t.gql(ME, {}, { cookie })).data!.me.name).toBe('Julien Moreau');
      await sql(t, expire, [token]);
      const refused = await t.http().post('/graphql').set({ cookie, 'content-type': 'application/json' }).send({ query: ME });
      expect(refused.body.errors[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
      expect(sessionCookieValue(refused.headers['set-cookie'])).toBe('');
      expect(await sql(t, `SELECT 1 FROM web_session WHERE token_hash = sha256(convert_to($1, 'UTF8'))`, [token])).toEqual([]);
      // the same cookie again (a browser that kept it): still refused, never a signed-in person
      const again = await t.gql(ME, {}, { cookie });
      expect(again.errors?.[0].extensions?.reason).toBe('SESSION_EXPIRED');
      expect((await t.gql(ME)).data!.me.kind).toBe('ANONYMOUS');
    }
  });

  it('refuses a forged cookie the same way, and lets a bearer token win over a cookie', async () => {
    const forged = await t.gql(ME, {}, { cookie: 'lexique_session=' + 'A'.repeat(43) });
    expect(forged.errors?.[0].extensions).toEqual({ code: 'UNAUTHENTICATED', reason: 'SESSION_EXPIRED' });
    const { cookie } = await demoSession(t, 'claire');
    const both = await t.gql(ME, {}, { cookie, ...(await bearer({ name: 'robot', roles: [Role.READER] })) });
    expect(both.data!.me.name).toBe('robot');
  });

  it('signs out: the session ends for every replica at once', async () => {
    const { cookie } = await demoSession(t, 'sophie');
    const out = await t.http().post('/auth/logout').set({ cookie, 'content-type': 'application/json' }).send({});
    expect(out.status).toBe(200);
    expect(out.body).toEqual({ redirect: '/' });
    expect(sessionCookieValue(out.headers['set-cookie'])).toBe('');
    expect((await t.gql(ME, {}, { cookie })).errors?.[0].extensions?.reason).toBe('SESSION_EXPIRED');
  });

  it('downloads with the session cookie: a steward gets the drafts of their domain, others do not', async () => {
    const { cookie } = await demoSession(t, 'claire');
    const steward = await t.http().get('/export/concepts/FIN.csv').set('cookie', cookie);
    const anonymous = await t.http().get('/export/concepts/FIN.csv');
    expect(steward.status).toBe(200);
    expect(steward.text).toContain('FIN-0059'); // a draft of the demo data
    expect(anonymous.text).not.toContain('FIN-0059');
    const rh = await t
      .http()
      .get('/export/concepts/FIN.csv')
      .set('cookie', (await demoSession(t, 'sophie')).cookie);
    expect(rh.text).not.toContain('FIN-0059');
  });

  it('still refuses every write without rights: a reader signed in on the page writes nothing', async () => {
    const { cookie } = await demoSession(t, 'agent');
    const { data } = await t.gql(ME, {}, { cookie });
    expect(data!.me.roles).toEqual(['READER']);
    const write = await t.gql(
      `mutation { updateConcept(code: "FIN-0001", version: 1, input: { definition: { fr: "Piraté" } }) { version } }`,
      {},
      { cookie },
    );
    expect(write.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    const mapping = await t.gql(
      `mutation { upsertMapping(input: { system: "SI-MER-FIN", localCode: "X-1", relation: UNMAPPED }) { status } }`,
      {},
      { cookie },
    );
    expect(mapping.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    expect((await t.gql(`{ nextConceptCode(domain: "FIN") }`, {}, { cookie })).errors?.[0].extensions?.code).toBe('FORBIDDEN');
  });
});

describe('the demo sign-in is off outside the embedded demo (e2e)', () => {
  it.each([
    ['DATABASE_URL', {}, false],
    [
      'an identity provider key set',
      { AUTH_JWKS_URL: 'https://sso.example/certs', AUTH_ISSUER: 'https://sso.example', AUTH_AUDIENCE: 'lexique' },
      true,
    ],
    ['a sign-in client', { AUTH_ISSUER: 'https://sso.example', AUTH_CLIENT_ID: 'lexique', AUTH_CLIENT_SECRET: 'secret' }, true],
  ])('with %s', async (_what, env, embedded) => {
    const t = await startTestApp({ seed: false, embedded, env });
    try {
      expect((await t.http().get('/auth/demo/personas')).status).toBe(404);
      const post = await t.http().post('/auth/demo').set('content-type', 'application/json').send({ persona: 'admin' });
      expect(post.status).toBe(404);
      expect(sessionCookieValue(post.headers['set-cookie'])).toBeUndefined();
      const page = await t.http().get('/connexion');
      expect(page.text).not.toContain('content="demo"');
    } finally {
      await t.close();
    }
  });

  it('and on in the embedded demo, where the page says so', async () => {
    const t = await startTestApp({ seed: false, embedded: true });
    try {
      const personas = await t.http().get('/auth/demo/personas');
      expect(personas.body.map((p: { key: string }) => p.key)).toEqual(['claire', 'julien', 'sophie', 'admin', 'agent']);
      expect((await t.http().get('/connexion')).text).toContain('<meta name="lexique-sign-in" content="demo" />');
    } finally {
      await t.close();
    }
  });
});
