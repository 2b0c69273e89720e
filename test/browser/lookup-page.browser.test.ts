/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import { accessibilityViolations, describeInChromium, expectAccessible, siteInChromium } from '../support/browser';

describeInChromium("the agents' lookup page (Chromium)", () => {
  const site = siteInChromium({ context: { permissions: ['clipboard-read', 'clipboard-write'] } });

  it('finds the right entry first for a misspelled query typed as on the phone, and announces the count', async () => {
    const page = await site.page();
    await page.goto('/');
    await page.locator('#q').pressSequentially('marche publc', { delay: 40 });
    await page.waitForFunction(() => document.querySelector('#resultats .result .title')?.textContent?.includes('Marché public'));
    expect(await page.locator('#resultats .result').first().locator('.title').textContent()).toBe('Marché public');
    await page.waitForFunction(() => /résultat/.test(document.getElementById('announcer')!.textContent ?? ''));
    expect(await page.locator('#filtres input[name="domaine"]').count()).toBeGreaterThan(0);
    // highlights arrive HTML-escaped: shown once, never as entities
    expect(await page.locator('#resultats mark').count()).toBeGreaterThan(0);
    expect(await page.locator('#resultats').textContent()).not.toMatch(/&#39;|&amp;|&quot;/);
  });

  it('navigates the results with the keyboard: arrows, Enter, Escape', async () => {
    const page = await site.page();
    await page.goto('/');
    await page.locator('#q').pressSequentially('IFSE', { delay: 40 });
    await page.waitForSelector('#resultats .result');
    const expected = await page.locator('#resultats .result').nth(0).locator('.code').textContent();
    await page.keyboard.press('ArrowDown');
    expect(await page.locator('#q').getAttribute('aria-activedescendant')).toBe('resultat-0');
    expect(await page.locator('#resultat-0').getAttribute('aria-selected')).toBe('true');
    await page.keyboard.press('Enter');
    await page.waitForURL(`/concept/${expected}`);
    // focus moves to the new page's heading, so that screen readers read it
    await page.waitForFunction(
      () => document.activeElement?.tagName === 'H1' && document.activeElement.textContent !== 'Rechercher dans le dictionnaire',
    );

    await page.goBack();
    await page.waitForSelector('#q');
    await page.locator('#q').fill('budget');
    await page.waitForSelector('#resultats .result');
    await page.locator('#q').press('Escape');
    await page.waitForFunction(() => document.querySelectorAll('#resultats .result').length === 0);
    expect(await page.locator('#q').inputValue()).toBe('');
  });

  it('filters by domain with the facet counts', async () => {
    const page = await site.page();
    await page.goto('/?q=budget');
    await page.waitForSelector('#filtres input[name="domaine"]');
    const fin = page.locator('#filtres input[value="FIN"]');
    await fin.check();
    await page.waitForFunction(() =>
      [...document.querySelectorAll('#resultats .result .code')].every((c) => c.textContent.startsWith('FIN-')),
    );
    expect(await page.locator('#resultats .result').count()).toBeGreaterThan(0);
  });

  it('opens a concept page at its permanent address with definition, relations and system codes', async () => {
    const page = await site.page();
    await page.goto('/concept/RH-0004');
    await page.waitForSelector('h1');
    expect(await page.locator('h1').textContent()).toBe('Agent contractuel');
    const body = await page.locator('main').textContent();
    expect(body).toContain('Agent public recruté par contrat');
    expect(body).toContain('Non-titulaire');
    expect(await page.locator('table tbody tr').count()).toBeGreaterThanOrEqual(10);
    expect(await page.locator('a[href="/concept/RH-0001"]').count()).toBe(1); // broader: Agent public
    expect(await page.title()).toBe('Agent contractuel — Lexique');
    expect(body).toContain('Dernière modification');
    expect(await page.locator('#referents').textContent()).toBe('Qui tient ce domaine');
  });

  it('copies a local code with its button and announces it', async () => {
    const page = await site.page();
    await page.goto('/concept/RH-0004');
    await page.locator('button[aria-label="Copier le code STA-CTR de SI-MUT-RH"]').click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe('STA-CTR');
    await page.waitForFunction(() => document.getElementById('announcer')!.textContent === 'Copié : STA-CTR');
  });

  it('shows a legacy code with its translation and the same concept in other systems', async () => {
    const page = await site.page();
    await page.goto('/system/SI-BDX-GRH/code/0703');
    await page.waitForSelector('table');
    const text = await page.locator('main').textContent();
    expect(text).toContain('CT (COMITE TECHNIQUE)');
    expect(text).toContain('Comité social territorial'); // the current concept of a deprecated one
    expect(await page.locator('a[href="/system/SI-MUT-RH/code/INS-CST"]').count()).toBe(1);
  });

  it('shows every system with its owner and coverage', async () => {
    const page = await site.page();
    await page.goto('/systems');
    await page.waitForSelector('table');
    expect(await page.locator('tbody tr').count()).toBe(11);
    expect(await page.locator('main').textContent()).toContain('Mérignac');
  });

  it('has an accessibility check that does find violations (so that the checks below can fail)', async () => {
    const page = await site.page();
    await page.setContent('<html><body><img src="/assets/logo.svg"><input type="text"></body></html>');
    const ids = (await accessibilityViolations(page)).map((v) => v.id);
    expect(ids).toEqual(expect.arrayContaining(['image-alt', 'label', 'html-has-lang']));
  });

  it.each(['/concept/RH-0004', '/systems', '/system/SI-BDX-GRH/code/0703', '/', '/?q=marche'])(
    'has no WCAG 2.1 AA violation on %s (axe-core)',
    async (path) => {
      const page = await site.page();
      await page.goto(path);
      if (path.includes('?q=')) await page.waitForSelector('#resultats .result');
      await expectAccessible(page);
    },
  );
});
