/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { Client } from 'pg';
import type { Page } from 'playwright-core';
import { describeInChromium, expectAccessible, siteInChromium } from '../support/browser';
import { startTestProvider, TestProvider } from '../support/oidc/test-provider';

describeInChromium('sign-in through an OpenID Connect provider (Chromium, oidc-provider)', () => {
  let provider: TestProvider;
  const site = siteInChromium({
    app: async (base) => {
      provider = await startTestProvider(base, {
        alice: { name: 'Alice Martin', email: 'alice.martin@bordeaux-metropole.example', roles: ['steward'], domains: ['FIN'] },
        bob: { name: 'Bob Lefèvre', email: 'bob.lefevre@bordeaux-metropole.example' },
      });
      return { env: provider.env };
    },
  });
  afterAll(() => provider?.close());

  /** Signs `login` in through the provider, from the page at `from`. */
  async function signInAtProvider(page: Page, login: string, from = '/concept/FIN-0001') {
    await page.goto(from);
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('input[name="login"]').fill(login);
    await page.locator('input[name="password"]').fill('peu importe');
    await page.locator('button[type="submit"]').click();
    await page.waitForURL(from);
    await page.waitForSelector('#compte .name');
    // the header comes first, then the screen
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
  }

  const sql = async (text: string, params: unknown[] = []) => {
    const client = new Client({ connectionString: site.api.databaseUrl });
    await client.connect();
    try {
      return (await client.query(text, params)).rows;
    } finally {
      await client.end();
    }
  };

  it('signs a steward in with the authorization code flow and PKCE; the browser holds only an httpOnly SameSite cookie', async () => {
    const page = await site.page();
    const authorizations: URL[] = [];
    page.on('request', (request) => {
      const url = new URL(request.url());
      if (url.origin === provider.issuer && url.pathname === '/auth') authorizations.push(url);
    });
    await signInAtProvider(page, 'alice');
    expect(authorizations).toHaveLength(1);
    const asked = authorizations[0].searchParams;
    expect(asked.get('response_type')).toBe('code');
    expect(asked.get('code_challenge_method')).toBe('S256');
    expect(asked.get('code_challenge')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(asked.get('state')).toBeTruthy();
    expect(asked.get('nonce')).toBeTruthy();
    expect(asked.get('redirect_uri')).toBe(`${site.base}/auth/callback`);

    expect(await page.locator('#compte .name').textContent()).toBe('Alice Martin');
    expect(await page.locator('#compte .rights').textContent()).toBe('Référent des données : Finances');
    await page.getByRole('link', { name: 'Modifier' }).waitFor();

    const cookies = (await page.context().cookies(site.base)).filter((c) => c.name.startsWith('lexique'));
    expect(cookies.map((c) => [c.name, c.httpOnly, c.sameSite])).toEqual([['lexique_session', true, 'Strict']]);
    expect(await page.evaluate(() => document.cookie)).toBe('');
    // the person is recorded with the address the provider gave, for notifications
    expect(await sql(`SELECT name, email, roles, steward_domains FROM person WHERE id = 'user:alice'`)).toEqual([
      { name: 'Alice Martin', email: 'alice.martin@bordeaux-metropole.example', roles: ['STEWARD'], steward_domains: ['FIN'] },
    ]);
  });

  it('shows a person without steward rights no edit control, and the API refuses their writes', async () => {
    const page = await site.page();
    await signInAtProvider(page, 'bob');
    expect(await page.locator('#compte .rights').textContent()).toBe('Lecture seule');
    for (const path of ['/concept/FIN-0001', '/domaine/FIN', '/system/SI-MER-FIN', '/system/SI-MER-FIN/code/1.1']) {
      await page.goto(path);
      await page.waitForSelector('h1');
      await page.waitForLoadState('networkidle');
      expect(await page.locator('.steward, form#fiche, a[href$="/modifier"], a[href^="/nouveau-concept"]:visible').count()).toBe(0);
    }
    const refused = await page.evaluate(async () => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          query: 'mutation { updateConcept(code: "FIN-0001", version: 1, input: { definition: { fr: "x" } }) { version } }',
        }),
      });
      return (await response.json()).errors[0].extensions.code;
    });
    expect(refused).toBe('FORBIDDEN');
  });

  it('ends an expired session: the page says so, offers to sign in again, and the cookie is gone', async () => {
    const page = await site.page();
    await signInAtProvider(page, 'alice');
    await sql(`UPDATE web_session SET expires_at = now() - interval '1 second' WHERE person_id = 'user:alice'`);
    await page.reload();
    await page.waitForSelector('.banner');
    expect(await page.locator('.banner').textContent()).toContain('Votre session a expiré');
    await page.waitForSelector('main h1');
    await page.waitForLoadState('networkidle');
    expect(await page.locator('#compte').getByRole('link', { name: 'Se connecter' }).count()).toBe(1);
    expect(await page.getByRole('link', { name: 'Modifier' }).count()).toBe(0);
    expect((await page.context().cookies(site.base)).filter((c) => c.name === 'lexique_session')).toEqual([]);
  });

  it('signs out of Lexique and of the provider', async () => {
    const page = await site.page();
    await signInAtProvider(page, 'alice');
    const [cookie] = (await page.context().cookies(site.base)).filter((c) => c.name === 'lexique_session');
    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    // the provider asks to confirm its own sign-out, then sends back to Lexique
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    await page.locator('button[type="submit"], button[name="logout"]').first().click();
    await page.waitForURL('/');
    await page.waitForSelector('#compte a');
    expect(await page.locator('#compte').textContent()).toContain('Se connecter');
    const replay = await site.api.gql(`{ me { id } }`, {}, { cookie: `lexique_session=${cookie.value}` });
    expect(replay.errors?.[0].extensions?.reason).toBe('SESSION_EXPIRED');
    // the provider forgot the person too: signing in asks for the login again
    await page.getByRole('link', { name: 'Se connecter' }).click();
    await page.waitForURL((url) => url.href.startsWith(provider.issuer));
    expect(await page.locator('input[name="login"]').count()).toBe(1);
  });

  it('says in French when the sign-in could not finish, and has no WCAG 2.1 AA violation on its page', async () => {
    const page = await site.page();
    await page.goto('/auth/callback?code=forged&state=forged');
    await page.waitForURL('/connexion?erreur=expired');
    await page.waitForSelector('.error');
    expect(await page.locator('.error').textContent()).toContain('La connexion a pris trop de temps');
    expect(await page.getByRole('link', { name: 'Se connecter avec le compte de la Métropole' }).count()).toBe(1);
    await expectAccessible(page);
  });
});
