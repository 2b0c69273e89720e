/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import * as fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import * as path from 'node:path';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { freePort } from './free-port';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

/** Debian's Chromium (`apt-get install chromium`); Playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  const available = fs.existsSync(CHROMIUM);
  if (!available) {
    console.warn(`SKIPPED browser tests: no Chromium at ${CHROMIUM} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH).`);
  }
  return available;
}

/** A describe of screens in Chromium, skipped (and said so) on a machine without it. */
export function describeInChromium(name: string, suite: () => void): void {
  (chromiumAvailable() ? describe : describe.skip)(name, suite);
}

export async function launchChromium(): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
      '--disable-sync',
    ],
  });
}

/** The embedded demo's people the browser tests sign in as, with the name the page's header gives each. */
export const DEMO_PEOPLE = {
  claire: 'Claire Dubois',
  julien: 'Julien Moreau',
  sophie: 'Sophie Laurent',
  agent: 'Marc Petit',
} as const;
export type DemoPersona = keyof typeof DEMO_PEOPLE;

/** The API served on the loopback, and Chromium to use it. */
export interface ServedSite {
  readonly api: TestApp;
  /** `http://127.0.0.1:<port>`; pages take addresses relative to it (`page.goto('/systems')`). */
  readonly base: string;
  /**
   * A page in a browser context of its own (its own cookies, as another
   * person's browser), signed in as `persona` through the demo's sign-in page
   * when given; closed at the end of the test.
   */
  page(persona?: DemoPersona): Promise<Page>;
}

export interface SiteOptions {
  /** The API's settings; a function of the site's address when the settings need it (an OpenID provider sends people back there). */
  app?: TestAppOptions | ((base: string) => Promise<TestAppOptions>);
  /** The suite's browser settings (time zone, permissions), over French and loopback-only. */
  context?: BrowserContextOptions;
}

/**
 * Serves the API and launches Chromium for the tests of the describe it is
 * called in (its hooks start them before the first test and stop them after
 * the last); the pages a test opens are closed after it.
 */
export function siteInChromium(options: SiteOptions = {}): ServedSite {
  let api: TestApp | undefined;
  let browser: Browser | undefined;
  let base = '';
  const opened: BrowserContext[] = [];

  beforeAll(async () => {
    if (typeof options.app === 'function') {
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      api = await startTestApp(await options.app(base));
      await api.app.listen(port, '127.0.0.1');
    } else {
      api = await startTestApp(options.app);
      await api.app.listen(0, '127.0.0.1');
      base = `http://127.0.0.1:${(api.app.getHttpServer().address() as AddressInfo).port}`;
    }
    browser = await launchChromium();
  });
  afterEach(async () => {
    await Promise.all(opened.splice(0).map((context) => context.close()));
  });
  afterAll(async () => {
    await browser?.close();
    await api?.close();
  });

  return {
    get api() {
      if (!api) throw new Error('The API is served from the suite’s beforeAll on');
      return api;
    },
    get base() {
      return base;
    },
    async page(persona) {
      if (!browser) throw new Error('Chromium is launched from the suite’s beforeAll on');
      // bypassCSP only lets the tests inject axe-core: the pages themselves allow no inline script
      const context = await browser.newContext({ locale: 'fr-FR', bypassCSP: true, baseURL: base, ...options.context });
      opened.push(context);
      await onlyLoopback(context);
      const page = await context.newPage();
      if (persona) await signIn(page, persona);
      return page;
    },
  };
}

/** Signs `persona` in through the demo's sign-in page, and waits for the header to name her. */
export async function signIn(page: Page, persona: DemoPersona): Promise<void> {
  await page.goto('/connexion');
  await page.locator(`input[name="persona"][value="${persona}"]`).check();
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForFunction((name) => document.querySelector('#compte .name')?.textContent === name, DEMO_PEOPLE[persona]);
}

/** Runs axe-core in the page and returns its WCAG 2.1 A and AA violations. */
export async function accessibilityViolations(page: Page): Promise<{ id: string; help: string; nodes: number }[]> {
  const source = fs.readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
  await page.addScriptTag({ content: source });
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: { run: (context: Document, options: object) => Promise<{ violations: { id: string; help: string; nodes: unknown[] }[] }> };
      }
    ).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] } });
    return result.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.length }));
  });
}

/** Where to write screenshots of the screens (the README's come from here), when asked. */
const SCREENSHOTS = process.env.LEXIQUE_SCREENSHOTS;

/**
 * Waits for the screen to be drawn and expects axe-core to find no WCAG 2.1
 * AA violation in it; saves it as `shot` when screenshots are asked for.
 */
export async function expectAccessible(page: Page, shot?: string): Promise<void> {
  await page.waitForSelector('h1');
  await page.waitForLoadState('networkidle');
  expect(await accessibilityViolations(page)).toEqual([]);
  if (SCREENSHOTS && shot) {
    fs.mkdirSync(SCREENSHOTS, { recursive: true });
    await page.screenshot({ path: path.join(SCREENSHOTS, `${shot}.png`), fullPage: true });
  }
}

/** Sends a GraphQL operation from the page, with its cookies, as the page's own scripts do; returns the response body. */
export function gqlIn(page: Page, query: string, variables: Record<string, unknown> = {}): Promise<any> {
  return page.evaluate(
    async ({ query, variables }) => {
      const response = await fetch('/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
      return response.json();
    },
    { query, variables },
  );
}

/**
 * Lets the pages reach this machine only: a page that names another host (the
 * test provider's dev login page imports a web font) gets nothing, and no
 * request leaves the loopback.
 */
export async function onlyLoopback(context: BrowserContext): Promise<void> {
  await context.route('**/*', (route) => {
    const host = new URL(route.request().url()).hostname;
    return ['127.0.0.1', 'localhost'].includes(host) ? route.continue() : route.abort();
  });
}
