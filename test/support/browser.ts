/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import * as fs from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';

/** Debian's Chromium (`apt-get install chromium`); Playwright cannot download browsers here. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

export function chromiumAvailable(): boolean {
  const available = fs.existsSync(CHROMIUM);
  if (!available) {
    console.warn(`SKIPPED browser tests: no Chromium at ${CHROMIUM} (install it with \`apt-get install chromium\` or set CHROMIUM_PATH).`);
  }
  return available;
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
