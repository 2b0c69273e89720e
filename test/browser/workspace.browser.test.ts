/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import * as fs from 'node:fs';
import { describeInChromium, DemoPersona, expectAccessible, gqlIn, signIn, siteInChromium } from '../support/browser';

const PARIS_TIME = new Intl.DateTimeFormat('fr-FR', { hour: '2-digit', minute: '2-digit', timeZone: 'Europe/Paris' });

describeInChromium("the stewards' workspace in the embedded demo (Chromium)", () => {
  const site = siteInChromium({ app: { embedded: true }, context: { timezoneId: 'America/New_York', acceptDownloads: true } });

  it('offers demo people on a sign-in page clearly marked as a demonstration', async () => {
    const page = await site.page();
    await page.goto('/connexion');
    await page.waitForSelector('input[name="persona"]');
    expect(await page.locator('.card.demo').textContent()).toContain('Démonstration.');
    expect(await page.locator('input[name="persona"]').count()).toBe(5);
    expect(await page.locator('.demo-tag').textContent()).toBe('Démo');
    await expectAccessible(page, 'connexion-demo');
    await signIn(page, 'claire');
    expect(await page.locator('#compte .rights').textContent()).toBe('Référent des données : Finances');
    expect(await page.locator('[data-nav="new"]').isVisible()).toBe(true);
  });

  it('a steward creates a concept: the next free code is offered, a duplicate label is flagged while typing and refused next to its field, then fixed and sent to review', async () => {
    const page = await site.page('claire');
    await page.getByRole('link', { name: 'Nouveau concept' }).click();
    await page.waitForSelector('form#fiche');
    await page.waitForFunction(() => (document.querySelector('input[name="code"]') as HTMLInputElement).value !== '');
    const code = await page.locator('input[name="code"]').inputValue();
    expect(code).toMatch(/^FIN-\d{4}$/);

    const label = page.getByLabel('Libellé préféré (français)');
    await label.pressSequentially('budget primitif', { delay: 20 });
    await page.waitForSelector('#doublon .warning-text');
    expect(await page.locator('#doublon').textContent()).toContain('Budget primitif');
    await page.getByLabel('Définition (français)').fill('Budget voté pour financer la transition écologique.');
    await expectAccessible(page, 'nouveau-concept');

    await page.getByRole('button', { name: 'Enregistrer et envoyer en relecture' }).click();
    const error = page.locator('[data-field="prefLabel.fr"] .field-error');
    await error.waitFor();
    expect(await label.getAttribute('aria-invalid')).toBe('true');
    expect(await page.evaluate(() => document.activeElement?.getAttribute('name'))).toBe('prefLabel.fr');
    expect(await error.textContent()).toBe('Un autre concept du domaine porte déjà ce libellé (FIN-0004).');

    await label.fill('Budget climatique');
    await page.getByRole('button', { name: 'Enregistrer et envoyer en relecture' }).click();
    await page.waitForURL(`/concept/${code}`);
    await page.waitForSelector('.steward');
    expect(await page.locator('h1').textContent()).toBe('Budget climatique');
    expect(await page.locator('.badge').first().textContent()).toBe('En relecture');
  });

  it('a steward edits a published concept with a mistake, sees the error next to the field, fixes it and proposes it; what she did not touch stays', async () => {
    const page = await site.page('claire');
    await page.goto('/concept/FIN-0005');
    await page.getByRole('link', { name: 'Modifier' }).click();
    await page.waitForSelector('form#fiche');
    await expectAccessible(page, 'modifier-concept');
    await page.getByLabel('Définition (français)').fill('Délibération qui modifie le budget primitif en cours d’exercice.');
    await page.getByLabel('Termes génériques').fill('FIN-0003, RH-0001');
    await page.getByLabel('Motif de la modification').fill('Définition reprise du guide M57');
    await page.getByRole('button', { name: 'Proposer la modification' }).click();
    const error = page.locator('[data-field="broader"] .field-error');
    await error.waitFor();
    expect(await page.getByLabel('Termes génériques').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Termes génériques').fill('FIN-0003');
    await page.getByRole('button', { name: 'Proposer la modification' }).click();
    await page.waitForURL('/concept/FIN-0005');
    await page.waitForSelector('.steward');
    expect(await page.locator('.steward').textContent()).toContain('Modification en attente d’approbation');

    const { data } = await gqlIn(
      page,
      `{ concept(code: "FIN-0005") { en: prefLabel(lang: "en") broader { code } pendingRevision { changes { field } proposed } } }`,
    );
    expect(data.concept.pendingRevision.changes.map((c: { field: string }) => c.field)).toEqual(['definition.fr']);
    expect(data.concept.pendingRevision.proposed.prefLabel).toEqual({ fr: 'Décision modificative', en: 'Budget amendment' });
  });

  it('the second steward approves; the author is notified with the reason, and the history shows both, who and why, in Paris time', async () => {
    const page = await site.page('julien');
    const { data } = await gqlIn(page, `{ concept(code: "FIN-0005") { version pendingRevision { author } } }`);
    expect(data.concept.pendingRevision.author).toBe('user:claire.dubois');
    const approved = await gqlIn(
      page,
      `mutation($v: Int!) { approveConcept(code: "FIN-0005", version: $v, reason: "Conforme au guide") { version } }`,
      { v: data.concept.version },
    );
    expect(approved.errors).toBeUndefined();

    await page.getByRole('button', { name: 'Se déconnecter' }).click();
    await page.waitForURL('/');
    await page.locator('#compte').getByRole('link', { name: 'Se connecter' }).waitFor();
    await signIn(page, 'claire');
    await page.getByRole('link', { name: 'Mes notifications' }).click();
    await page.waitForSelector('.notification');
    const first = await page.locator('.notification').first().textContent();
    expect(first).toContain('Décision modificative');
    expect(first).toContain('modification approuvée');
    expect(first).toContain('Julien Moreau');
    expect(first).toContain('Motif : « Conforme au guide »');
    await expectAccessible(page, 'notifications');

    await page.goto('/concept/FIN-0005/historique');
    await page.waitForSelector('.event');
    const events = await page.locator('.event').allTextContents();
    expect(events[0]).toContain('Modification approuvée par Julien Moreau');
    expect(events[0]).toContain('« Conforme au guide »');
    expect(events[1]).toContain('Modification proposée par Claire Dubois');
    expect(events[1]).toContain('« Définition reprise du guide M57 »');
    expect(events[1]).toContain('Définition (français)');
    // Paris time, whatever the browser's own zone (New York here)
    const { data: log } = await gqlIn(page, `{ history(key: "FIN-0005") { at action } }`);
    const proposal = log.history.find((c: { action: string }) => c.action === 'PROPOSE_REVISION');
    expect(events[1]).toContain(`à ${PARIS_TIME.format(new Date(proposal.at))}`);
    await expectAccessible(page, 'historique');
  });

  it("a steward adds a mapping from a legacy code's page with the concept picker; a wrong period is refused next to its field", async () => {
    const page = await site.page('claire');
    await page.goto('/system/SI-MER-FIN/code/BV-2025');
    await page.getByRole('button', { name: 'Ajouter une correspondance' }).click();
    await page.waitForSelector('form#correspondance');
    await page.getByLabel('Libellé local').fill('Budget primitif (nouvelle nomenclature)');
    await page.getByRole('radio', { name: /^Équivalent/ }).check();
    const picker = page.getByRole('combobox', { name: 'Concept du dictionnaire' });
    await picker.pressSequentially('budget primitif', { delay: 20 });
    await page.waitForSelector('.picker-list [role="option"]');
    await picker.press('ArrowDown');
    await picker.press('Enter');
    expect(await page.locator('.chosen').textContent()).toContain('FIN-0004');
    await page.getByLabel('Valide à partir du').fill('2025-01-01');
    await page.getByLabel('Valide jusqu’au').fill('2024-12-31');
    await expectAccessible(page, 'correspondance');
    await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
    await page.locator('[data-field="validTo"] .field-error').waitFor();
    expect(await page.getByLabel('Valide jusqu’au').getAttribute('aria-invalid')).toBe('true');

    await page.getByLabel('Valide jusqu’au').fill('');
    await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
    await page.waitForFunction(() => document.getElementById('etat-correspondance')?.textContent?.includes('brouillon'));
    await page.getByRole('button', { name: 'Envoyer en relecture' }).click();
    await page.waitForFunction(() => document.getElementById('etat-correspondance')?.textContent?.includes('envoyée en relecture'));
    expect(await page.locator('.mapping-list .badge').textContent()).toBe('En relecture');
    const { data } = await gqlIn(
      page,
      `{ mappingsOfCode(system: "SI-MER-FIN", localCode: "BV-2025") { relation status validFrom validTo concept { code } } }`,
    );
    expect(data.mappingsOfCode).toEqual([
      { relation: 'EXACT', status: 'IN_REVIEW', validFrom: '2025-01-01', validTo: null, concept: { code: 'FIN-0004' } },
    ]);
  });

  it("lists a system's codes without equivalent and downloads its domain with the steward's drafts", async () => {
    const page = await site.page('claire');
    await page.goto('/system/SI-MER-FIN');
    await page.waitForSelector('#sans-equivalent');
    await expectAccessible(page, 'systeme');
    await page.goto('/domaine/FIN');
    await page.waitForSelector('.exports');
    await expectAccessible(page, 'domaine');
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: 'Tableur (CSV)' }).click()]);
    expect(download.suggestedFilename()).toBe('FIN.csv');
    const text = fs.readFileSync(await download.path(), 'utf8');
    expect(text).toContain('FIN-0059'); // a draft, included for the domain's steward
  });

  it.each<[string, DemoPersona | undefined]>([
    ['a reader', 'agent'],
    ['an anonymous visitor', undefined],
  ])('shows %s no edit control anywhere', async (_who, persona) => {
    const page = await site.page(persona);
    for (const address of [
      '/concept/FIN-0001',
      '/concept/FIN-0001/historique',
      '/domaine/FIN',
      '/system/SI-MER-FIN',
      '/system/SI-MER-FIN/code/1.1',
      '/',
    ]) {
      await page.goto(address);
      await page.waitForSelector('h1');
      await page.waitForLoadState('networkidle');
      const controls = await page
        .locator('.steward, form#fiche, form#correspondance, a[href$="/modifier"], a[href^="/nouveau-concept"]:visible, #soumettre')
        .count();
      expect(`${address}: ${controls}`).toBe(`${address}: 0`);
    }
    await page.goto('/nouveau-concept');
    await page.waitForSelector('h1');
    expect(await page.locator('form').count()).toBe(0);
  });

  // the writer of mappings now refuses this with its reason (NOT_STEWARD, naming the domain), which the page translates
  it('speaks French in the refusals of the writer of mappings, naming the domain', async () => {
    const page = await site.page('sophie');
    await page.goto('/system/SI-MER-FIN/code/1.1');
    await page.getByRole('button', { name: /Ajouter/ }).click();
    await page.getByRole('radio', { name: /^Sans équivalent/ }).check();
    await page.getByRole('button', { name: 'Enregistrer la correspondance' }).click();
    const summary = page.locator('#correspondance .form-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe('Seuls les référents du domaine FIN et les administrateurs peuvent faire cette modification.');
  });

  it('has no WCAG 2.1 AA violation on a concept page with the steward panel', async () => {
    const page = await site.page('claire');
    await page.goto('/concept/FIN-0059');
    await page.waitForSelector('.steward');
    await expectAccessible(page, 'fiche-referent');
  });
});
