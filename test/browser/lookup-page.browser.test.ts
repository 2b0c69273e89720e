/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { accessibilityViolations, chromiumAvailable, launchChromium } from '../support/browser';
import { startTestApp, TestApp } from '../support/test-app';

const run = chromiumAvailable() ? describe : describe.skip;

run("the agents' lookup page (Chromium)", () => {
  let t: TestApp;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let base: string;

  beforeAll(async () => {
    t = await startTestApp();
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await t?.close();
  });
  beforeEach(async () => {
    // bypassCSP only lets the tests inject axe-core: the page itself allows no inline script
    context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true });
    await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: base });
    page = await context.newPage();
  });
  afterEach(() => context.close());

  it('opens a concept page at its permanent address with definition, relations and system codes', async () => {
    await page.goto(`${base}/concept/RH-0004`);
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Agent contractuel');
    const body = await page.locator('main').textContent();
    expect(body).toContain('Agent public recruté par contrat');
    expect(body).toContain('Non-titulaire');
    expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('a[href="/concept/RH-0001"]').count()).toBe(1); // broader: Agent public
    expect(await page.title()).toBe('Agent contractuel — Lexique');
  });

  it('copies a local code with its button and announces it', async () => {
    await page.goto(`${base}/concept/RH-0004`);
    await page.locator('button[aria-label="Copier le code STA-CTR de SI-MUT-RH"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('STA-CTR');
    await page.waitForFunction(() => document.getElementById('announcer')!.textContent === 'Copié : STA-CTR');
  });

  it('shows a legacy code with its translation and the same concept in other systems', async () => {
    await page.goto(`${base}/system/SI-BDX-GRH/code/0703`);
    await page.waitForSelector('table');
    const text = await page.locator('main').textContent();
    expect(text).toContain('CT (COMITE TECHNIQUE)');
    expect(text).toContain('Comité social territorial'); // the current concept of a deprecated one
    expect(await page.locator('a[href="/system/SI-MUT-RH/code/INS-CST"]').count()).toBe(1);
  });

  it('shows every system with its owner and coverage', async () => {
    await page.goto(`${base}/systems`);
    await page.waitForSelector('table');
    expect(await page.locator('tbody tr').count()).toBe(11);
    expect(await page.locator('main').textContent()).toContain('Mérignac');
  });

  it('has an accessibility check that does find violations (so that the checks below can fail)', async () => {
    await page.setContent('<html><body><img src="/assets/logo.svg"><input type="text"></body></html>');
    const ids = (await accessibilityViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label', 'html-has-lang']));
  });

  it.each(['/concept/RH-0004', '/systems', '/system/SI-BDX-GRH/code/0703', '/'])(
    'has no WCAG 2.1 AA violation on %s (axe-core)',
    async (path) => {
      await page.goto(base + path);
      await page.waitForSelector('h1');
      await page.waitForLoadState('networkidle');
      expect(await accessibilityViolations(page)).toEqual([]);
    },
  );
});
