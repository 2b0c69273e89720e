/// <reference lib="dom" />
// Code passed to page.evaluate runs in the browser.
import * as fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DemoPersona, describeInChromium, expectAccessible, gqlIn, signIn, siteInChromium } from '../support/browser';

/** Windows-1252 is Latin-1 but for a few characters of 0x80-0x9F, such as ’, œ and €. */
const WINDOWS_1252: Record<string, number> = { '’': 0x92, œ: 0x9c, '€': 0x80 };
const excel = (text: string) => Buffer.from([...text].map((c) => WINDOWS_1252[c] ?? c.charCodeAt(0)));

/** What French Excel saves as "CSV (séparateur : point-virgule)" from the concepts template. */
const EXCEL_CONCEPTS = [
  'Code;Domaine;Libellé préféré (français);Sigles;Définition (français);Termes génériques',
  'FIN-0970;FIN;Dépense d’équipement;DE;Dépense qui accroît durablement le patrimoine, hors œuvres d’art.;',
  'FIN-0971;FIN;Coût complet;;Coût d’un service public, 12 € par habitant et par an en moyenne.;',
  'FIN-0972;FIN;Budget climatique territorial;BCT;Présentation des dépenses selon leur effet sur l’environnement.;FIN-0003',
].join('\r\n');

describeInChromium('review inbox, review screen, bulk approval and import (Chromium)', () => {
  const site = siteInChromium({ app: { embedded: true }, context: { timezoneId: 'Europe/Paris', acceptDownloads: true } });

  const inboxCount = async (page: Page) => Number((await page.locator('#a-relire-nombre').textContent())?.replace(/\D/g, ''));

  it('a steward edits with a mistake, fixes it and sends it; a second steward finds it in the inbox, sees the difference and approves; the history shows both', async () => {
    const page = await site.page('claire');
    await page.goto('/concept/FIN-0005/modifier');
    await page.waitForSelector('form#fiche');
    const definition = page.getByLabel('Définition (français)');
    const before = await definition.inputValue();
    await definition.fill(`${before.replace(/\.$/, '')}, votée en cours d’exercice par l’assemblée délibérante.`);
    await page.getByLabel('Termes génériques').fill('FIN-0003, RH-0001');
    await page.getByLabel('Motif de la modification').fill('Précision du guide M57');
    await page.getByRole('button', { name: 'Proposer la modification' }).click();
    await page.locator('[data-field="broader"] .field-error').waitFor();
    await page.getByLabel('Termes génériques').fill('FIN-0003');
    await page.getByRole('button', { name: 'Proposer la modification' }).click();
    await page.waitForURL('/concept/FIN-0005');
    await page.waitForSelector('.steward');

    await page.context().clearCookies();
    await signIn(page, 'julien');
    await page.waitForFunction(() => /\d/.test(document.getElementById('a-relire-nombre')?.textContent ?? ''));
    const waiting = await inboxCount(page);
    expect(waiting).toBeGreaterThan(0);
    await page.getByRole('link', { name: /^À relire/ }).click();
    await page.waitForSelector('table.inbox');
    expect((await page.locator('.queue-summary').textContent())!.replace(/\s+/g, ' ')).toMatch(
      /Finances : \d+ propositions? en attente depuis/,
    );
    const row = page.locator('table.inbox tr', { hasText: 'Décision modificative' });
    expect(await row.textContent()).toContain('Modification d’un concept publié');
    expect(await row.textContent()).toContain('claire.dubois');
    expect(await row.textContent()).toContain('Définition (français)');
    await expectAccessible(page, 'a-relire');

    await row.getByRole('link').click();
    await page.waitForSelector('table.comparison');
    expect(await page.locator('h1').textContent()).toBe('Relire « Décision modificative »');
    expect(await page.locator('.lead').textContent()).toContain('Modification d’un concept publié');
    expect(await page.locator('main').textContent()).toContain('Proposé par Claire Dubois');
    expect(await page.locator('.author-reason').textContent()).toBe('Motif de l’auteur : « Précision du guide M57 »');
    const changed = page.locator('table.comparison tr', { hasText: 'Définition (français)' });
    expect(await changed.locator('ins').textContent()).toContain('votée en cours d’exercice par l’assemblée délibérante');
    expect(await changed.locator('td').first().textContent()).toContain(before.replace(/\.$/, ''));
    await expectAccessible(page, 'relire-modification');

    await page.getByLabel('Motif de la décision').fill('Conforme au guide');
    await page.getByRole('button', { name: 'Approuver et publier' }).click();
    await page.waitForURL('/a-relire');
    await page.waitForSelector('#resultat-relecture:not(:empty)');
    expect(await page.locator('#resultat-relecture').textContent()).toBe('« Décision modificative » : approuvé et publié.');
    await page.waitForFunction((n) => document.getElementById('a-relire-nombre')?.textContent?.startsWith(String(n)), waiting - 1);

    await page.goto('/concept/FIN-0005/historique');
    await page.waitForSelector('.event');
    const events = await page.locator('.event').allTextContents();
    expect(events[0]).toContain('Modification approuvée par Julien Moreau');
    expect(events[0]).toContain('« Conforme au guide »');
    expect(events[1]).toContain('Modification proposée par Claire Dubois');
    expect(events[1]).toContain('« Précision du guide M57 »');
  });

  it('a new concept is reviewed with its likely duplicates; an author may not approve her own proposal; a rejection needs a reason', async () => {
    const claire = await site.page('claire');
    const created = await gqlIn(
      claire,
      `mutation { createConcept(input: { domain: "FIN", code: "FIN-0980", prefLabel: { fr: "Budget primitif consolidé" }, definition: { fr: "Budget primitif et budgets annexes réunis." } }) { code version } }`,
    );
    await gqlIn(claire, `mutation($v: Int!) { submitConcept(code: "FIN-0980", version: $v) { status } }`, {
      v: created.data.createConcept.version,
    });
    // the author sees her proposal, without the means to approve it
    await claire.goto('/a-relire/concept/FIN-0980');
    await claire.waitForSelector('#pas-de-decision');
    expect(await claire.locator('#pas-de-decision').textContent()).toContain('Vous êtes l’auteur de cette proposition');
    expect(await claire.locator('form#decision').count()).toBe(0);
    await claire.context().close();

    const page = await site.page('julien');
    await page.goto('/a-relire/concept/FIN-0980');
    await page.waitForSelector('.look-alikes li');
    expect(await page.locator('.lead').textContent()).toContain('Nouveau concept');
    expect(await page.locator('dl.proposed').textContent()).toContain('Budget primitif et budgets annexes réunis.');
    expect(await page.locator('.look-alikes').textContent()).toContain('Budget primitif');
    expect(await page.locator('.look-alikes').textContent()).toContain('FIN-0004');
    await expectAccessible(page, 'relire-nouveau-concept');

    await page.getByRole('button', { name: 'Refuser' }).click();
    const error = page.locator('[data-field="reason"] .field-error');
    await error.waitFor();
    expect(await error.textContent()).toBe('Indiquez pourquoi vous refusez : l’auteur le lira.');
    expect(await page.getByLabel('Motif de la décision').getAttribute('aria-invalid')).toBe('true');
    await expectAccessible(page, 'relire-erreur');
    await page.getByLabel('Motif de la décision').fill('Doublon de FIN-0004');
    await page.getByRole('button', { name: 'Refuser' }).click();
    await page.waitForURL('/a-relire');
    expect(await page.locator('#resultat-relecture').textContent()).toContain('refusé');
    const { data } = await gqlIn(page, `{ concept(code: "FIN-0980") { status } }`);
    expect(data.concept.status).toBe('DRAFT');
  });

  it('a proposal changed meanwhile is refused as stale with a way to reload, then approved; a mapping is reviewed the same way', async () => {
    const claire = await site.page('claire');
    const live = await gqlIn(claire, `{ concept(code: "FIN-0006") { version } }`);
    await gqlIn(
      claire,
      `mutation($v: Int!) { updateConcept(code: "FIN-0006", version: $v, input: { scopeNote: { fr: "Note ajoutée." } }) { version } }`,
      {
        v: live.data.concept.version,
      },
    );
    const mapping = await gqlIn(
      claire,
      `mutation { upsertMapping(input: { system: "SI-MER-FIN", localCode: "REL-1", localLabel: "Budget relu", relation: EXACT, concept: "FIN-0004" }) { version } }`,
    );
    await gqlIn(claire, `mutation($v: Int!) { submitMapping(system: "SI-MER-FIN", localCode: "REL-1", version: $v) { status } }`, {
      v: mapping.data.upsertMapping.version,
    });

    const page = await site.page('julien');
    await page.goto('/a-relire/concept/FIN-0006');
    await page.waitForSelector('table.comparison');
    // meanwhile its author changes it again
    const now = await gqlIn(claire, `{ concept(code: "FIN-0006") { version } }`);
    await gqlIn(
      claire,
      `mutation($v: Int!) { updateConcept(code: "FIN-0006", version: $v, input: { scopeNote: { fr: "Note ajoutée, puis reprise." } }) { version } }`,
      {
        v: now.data.concept.version,
      },
    );
    await page.getByRole('button', { name: 'Approuver et publier' }).click();
    const summary = page.locator('#decision .form-summary');
    await summary.waitFor();
    expect(await summary.textContent()).toBe(
      'Cette proposition a changé depuis que vous l’avez ouverte : rechargez-la et relisez-la avant de décider.Recharger la proposition',
    );
    await page.getByRole('button', { name: 'Recharger la proposition' }).click();
    await page.waitForFunction(() => document.querySelector('table.comparison')?.textContent?.includes('puis reprise'));
    await page.getByRole('button', { name: 'Approuver et publier' }).click();
    await page.waitForURL('/a-relire');

    const mappingRow = page.locator('table.inbox tr', { hasText: 'REL-1' });
    expect(await mappingRow.textContent()).toContain('Nouvelle correspondance');
    await mappingRow.getByRole('link').click();
    await page.waitForSelector('dl.proposed');
    expect(await page.locator('h1').textContent()).toContain('la correspondance du code REL-1');
    expect(await page.locator('dl.proposed').textContent()).toContain('Équivalent');
    await expectAccessible(page, 'relire-correspondance');
    await page.getByRole('button', { name: 'Approuver et publier' }).click();
    await page.waitForURL('/a-relire');
    const { data } = await gqlIn(page, `{ mappingsOfCode(system: "SI-MER-FIN", localCode: "REL-1") { status } }`);
    expect(data.mappingsOfCode).toEqual([{ status: 'PUBLISHED' }]);
    await claire.context().close();
  });

  it('imports a French Excel file (Windows-1252, French headers): a mistake is shown by line and field, then the fixed file is previewed row by row and confirmed, sent to review', async () => {
    const page = await site.page('claire');
    await page.getByRole('link', { name: 'Importer' }).click();
    await page.waitForSelector('form#import');
    const [template] = await Promise.all([
      page.waitForEvent('download'),
      page.getByRole('link', { name: 'Modèle de concepts (CSV)' }).click(),
    ]);
    expect(fs.readFileSync(await template.path(), 'utf8')).toContain('Code;Domaine;Statut;Libellé préféré (français)');

    // dropped on the page, with a label another concept of the domain has
    const mistaken = excel(EXCEL_CONCEPTS.replace('Coût complet', 'Budget primitif'));
    await page.evaluate(
      (bytes) => {
        const transfer = new DataTransfer();
        transfer.items.add(new File([new Uint8Array(bytes)], 'budget.csv', { type: 'text/csv' }));
        document.getElementById('depot')!.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      },
      [...mistaken],
    );
    await page.waitForFunction(() => document.getElementById('fichier-lu')?.textContent?.includes('Windows-1252'));
    expect(await page.locator('#format').inputValue()).toBe('CONCEPTS_CSV');
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('table.problems');
    expect(await page.locator('.preview [role="alert"]').textContent()).toContain('L’import est bloqué : 1 problème.');
    const problem = await page.locator('table.problems tbody tr').textContent();
    expect(problem).toContain('3');
    expect(problem).toContain('Libellé préféré (français)');
    expect(problem).toContain('Un autre concept du domaine porte déjà ce libellé (FIN-0004).');
    expect(await page.locator('#confirmer').count()).toBe(0);
    await expectAccessible(page, 'import-erreurs');

    await page.locator('#fichier').setInputFiles({ name: 'budget.csv', mimeType: 'text/csv', buffer: excel(EXCEL_CONCEPTS) });
    await page.waitForFunction(() => document.getElementById('fichier-lu')?.textContent?.includes('Windows-1252'));
    expect(await page.locator('#fichier-lu').textContent()).toContain('ce n’est pas de l’UTF-8');
    await page.getByRole('button', { name: 'Prévisualiser l’import' }).click();
    await page.waitForSelector('#confirmer');
    const rows = await page.locator('table.outcomes tbody tr').allTextContents();
    expect(rows.map((r) => r.replace(/\s+/g, ' ').trim())).toEqual([
      '2 FIN-0970 Création En relecture',
      '3 FIN-0971 Création En relecture',
      '4 FIN-0972 Création En relecture',
    ]);
    expect(await page.locator('.preview > p').first().textContent()).toContain('3 lignes lues : 3 créations');
    expect((await gqlIn(page, `{ concept(code: "FIN-0970") { code } }`)).data.concept).toBeNull();
    await expectAccessible(page, 'import-apercu');

    const waiting = await inboxCount(page);
    await page.getByRole('button', { name: 'Confirmer l’import et envoyer les nouveautés en relecture' }).click();
    await page.waitForSelector('#titre-importe');
    expect(await page.locator('.card.steward').textContent()).toContain('3 entrées envoyées en relecture');
    const { data } = await gqlIn(page, `{ concept(code: "FIN-0970") { prefLabel definition status } }`);
    expect(data.concept).toEqual({
      prefLabel: 'Dépense d’équipement',
      definition: 'Dépense qui accroît durablement le patrimoine, hors œuvres d’art.',
      status: 'IN_REVIEW',
    });
    // her own proposals count in her inbox too, though another steward decides them
    await page.waitForFunction((n) => document.getElementById('a-relire-nombre')?.textContent?.startsWith(String(n)), waiting + 3);
  });

  it('a second steward approves the imported drafts in bulk: a stale one refuses the whole selection, said per item; then all pass', async () => {
    const page = await site.page('julien');
    await page.goto('/a-relire?domaine=FIN');
    await page.waitForSelector('table.inbox');
    expect(await page.locator('#domaine-relire').inputValue()).toBe('FIN');
    const imported = ['FIN-0970', 'FIN-0971', 'FIN-0972'];
    // meanwhile the author corrects one of them
    const claire = await site.page('claire');
    const one = await gqlIn(claire, `{ concept(code: "FIN-0971") { version } }`);
    await gqlIn(claire, `mutation($v: Int!) { updateConcept(code: "FIN-0971", version: $v, input: { acronyms: ["CC"] }) { version } }`, {
      v: one.data.concept.version,
    });
    await claire.context().close();

    const choose = async () => {
      for (const code of imported) await page.locator('table.inbox tr', { hasText: code }).getByRole('checkbox').check();
    };
    await choose();
    expect(await page.locator('#nombre-choisi').textContent()).toBe('3 propositions choisies.');
    await page.getByLabel('Motif de l’approbation').fill('Import relu');
    await page.getByRole('button', { name: 'Approuver la sélection' }).click();
    await page.waitForSelector('#resultats-section');
    const results = page.locator('#resultats-section');
    expect(await results.locator('.card-title').textContent()).toBe('Résultat : 0 proposition approuvée sur 3');
    expect(await results.textContent()).toContain('une sélection de concepts est approuvée en entier ou pas du tout');
    // the reason is said once, beside the proposal it concerns
    expect(await results.locator('p.error').textContent()).toContain('Voir ci-dessous lequel et pourquoi.');
    expect(await results.locator('p.error').textContent()).not.toContain('Cette proposition a changé');
    expect(await results.locator('li', { hasText: 'FIN-0971' }).textContent()).toContain(
      'Cette proposition a changé depuis que vous l’avez ouverte',
    );
    expect(await results.locator('li', { hasText: 'FIN-0970' }).textContent()).toContain('refusé avec le reste de la sélection');
    await expectAccessible(page, 'a-relire-lot-refuse');

    await page.getByRole('link', { name: 'Revoir la liste à relire' }).click();
    // the list drawn again, not the one the results were shown beside
    await page.waitForSelector('#resultats-section', { state: 'detached' });
    await page.waitForSelector('table.inbox');
    await choose();
    expect(await page.locator('#nombre-choisi').textContent()).toBe('3 propositions choisies.');
    await page.getByRole('button', { name: 'Approuver la sélection' }).click();
    await page.waitForSelector('#resultats-section');
    expect(await page.locator('#resultats-section .card-title').textContent()).toBe('Résultat : 3 propositions approuvées sur 3');
    const { data } = await gqlIn(page, `{ a: concept(code: "FIN-0970") { status } b: concept(code: "FIN-0971") { status acronyms } }`);
    expect(data).toEqual({ a: { status: 'PUBLISHED' }, b: { status: 'PUBLISHED', acronyms: ['CC'] } });
  });

  it('points files above the upload limit to the command line', async () => {
    const page = await site.page('claire');
    await page.goto('/import');
    await page.waitForSelector('form#import');
    await page.locator('#fichier').setInputFiles({ name: 'gros.csv', mimeType: 'text/csv', buffer: Buffer.alloc(4 * 1024 * 1024, 'a') });
    const error = page.locator('#fichier-erreur');
    await error.waitFor();
    expect(await error.textContent()).toContain(
      'Ce fichier fait 4 Mo : la page en accepte 3,5 Mo au plus. Importez-le avec la commande « lexique import gros.csv »',
    );
    expect(await page.locator('#fichier').getAttribute('aria-invalid')).toBe('true');
  });

  it.each<[string, DemoPersona | undefined]>([
    ['a reader', 'agent'],
    ['an anonymous visitor', undefined],
  ])('shows %s no review or import control', async (_who, persona) => {
    const page = await site.page(persona);
    for (const address of ['/', '/a-relire', '/a-relire/concept/FIN-0005', '/import']) {
      await page.goto(address);
      await page.waitForSelector('h1');
      await page.waitForLoadState('networkidle');
      const controls = await page
        .locator('[data-nav="review"]:visible, [data-nav="import"]:visible, form#lot, form#decision, form#import, input[type="file"]')
        .count();
      expect(`${address}: ${controls}`).toBe(`${address}: 0`);
    }
    const { errors } = await gqlIn(page, `{ reviewQueue { totalCount } }`);
    expect(errors[0].extensions.code).toBe(persona ? 'FORBIDDEN' : 'UNAUTHENTICATED');
  });
});
