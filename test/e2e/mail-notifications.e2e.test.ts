import { Client } from 'pg';
import { MailNotifier, MailNotifierRunner } from '@lexique/vocabulary';
import { untilChangesReadable } from '../support/change-log';
import { demoSession } from '../support/sessions';
import { startSmtpServer } from '../support/smtp';
import { startTestApp, TestApp } from '../support/test-app';

describe('mail to stewards and authors, through a real SMTP server (e2e)', () => {
  let smtp: Awaited<ReturnType<typeof startSmtpServer>>;
  let t: TestApp;
  let notifier: MailNotifier;
  const people: Record<string, string> = {};

  beforeAll(async () => {
    smtp = await startSmtpServer();
    t = await startTestApp({
      embedded: true,
      env: { SMTP_URL: smtp.url, MAIL_FROM: 'Lexique <lexique@bordeaux-metropole.example>', LEXIQUE_PUBLIC_URL: 'https://lexique.example' },
    });
    notifier = t.app.get(MailNotifier);
    // the test runs the rounds itself: the app's own timer would send between two steps
    await t.app.get(MailNotifierRunner).onApplicationShutdown();
    // the runner's first round sets the checkpoint at the end of the log: nothing from the past is mailed
    await notifier.catchUp();
    for (const persona of ['claire', 'julien', 'sophie', 'admin']) people[persona] = (await demoSession(t, persona)).cookie;
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  const gql = async (who: string, query: string, variables: Record<string, unknown> = {}) => {
    const { data, errors } = await t.gql(query, variables, { cookie: people[who] });
    if (errors) throw new Error(errors[0].message);
    return data!;
  };
  const submitNew = async (code: string, label: string) => {
    const { createConcept } = await gql(
      'claire',
      `mutation($code: String!, $label: String!) { createConcept(input: { domain: "FIN", code: $code, prefLabel: { fr: $label } }) { version } }`,
      { code, label },
    );
    return (
      await gql('claire', `mutation($code: String!, $v: Int!) { submitConcept(code: $code, version: $v) { version } }`, {
        code,
        v: createConcept.version,
      })
    ).submitConcept.version as number;
  };
  /**
   * Rounds until the notifier's checkpoint holds the last change it follows:
   * a round that read something is not enough, as a round may find the
   * checkpoint lock taken, and under load a round can end before what was
   * just written (the readable end is the whole server's).
   */
  const deliver = async () => {
    const before = smtp.mails.length;
    await untilChangesReadable(t.databaseUrl);
    const sql = new Client({ connectionString: t.databaseUrl });
    await sql.connect();
    try {
      for (let i = 0; i < 200; i++) {
        await notifier.catchUp();
        const { rows } = await sql.query<{ done: boolean }>(
          `SELECT EXISTS (SELECT 1 FROM mail_checkpoint k
             WHERE (k.txid, k.seq) >= (SELECT txid, seq FROM change WHERE entity_type IN ('CONCEPT', 'MAPPING')
                                       ORDER BY txid DESC, seq DESC LIMIT 1)) AS done`,
        );
        if (rows[0].done) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await sql.end();
    }
    return smtp.mails.slice(before);
  };

  it('sent nothing for the demo data loaded before it started', () => {
    expect(smtp.mails).toEqual([]);
  });

  it("mails the domain's other stewards when something is sent for review, in French with the link", async () => {
    await submitNew('FIN-7001', 'Dette garantie');
    const mails = await deliver();
    expect(mails).toHaveLength(1);
    expect(mails[0].to).toEqual(['julien.moreau@demo.lexique.invalid']);
    expect(mails[0].from).toBe('lexique@bordeaux-metropole.example');
    expect(mails[0].subject).toBe('[Lexique] À relire en Finances (FIN) : Dette garantie');
    expect(mails[0].text).toContain('FIN-7001 « Dette garantie » : envoyé en relecture par Claire Dubois le ');
    expect(mails[0].text).toContain('https://lexique.example/concept/FIN-7001');
  });

  it('mails the author when another steward approves or rejects, with the reason', async () => {
    const version = await submitNew('FIN-7002', 'Garantie d’emprunt');
    await deliver();
    await gql(
      'julien',
      `mutation($v: Int!) { rejectConcept(code: "FIN-7002", version: $v, reason: "Voir FIN-7001, même notion") { version } }`,
      { v: version },
    );
    const [mail, ...others] = await deliver();
    expect(others).toEqual([]);
    expect(mail.to).toEqual(['claire.dubois@demo.lexique.invalid']);
    expect(mail.subject).toBe('[Lexique] Garantie d’emprunt : renvoyé en brouillon');
    expect(mail.text).toContain('Motif : « Voir FIN-7001, même notion »');
  });

  it('sends one mail per person for a batch, and one set of mails with two notifiers racing (two replicas)', async () => {
    await submitNew('FIN-7003', 'Premier lot');
    await submitNew('FIN-7004', 'Second lot');
    // both submissions readable by a follower (no older transaction still running), so one batch holds them
    await untilChangesReadable(t.databaseUrl);
    const before = smtp.mails.length;
    const rounds = await Promise.all([notifier.catchUp(), notifier.catchUp(), notifier.catchUp()]);
    // whichever got the turn sent the batch; the others waited their turn or found nothing left
    expect(rounds.reduce((sum, round) => sum + (round?.mails ?? 0), 0)).toBeLessThanOrEqual(1);
    const mails = smtp.mails.slice(before).concat(await deliver());
    expect(mails).toHaveLength(1);
    expect(mails[0].subject).toBe('[Lexique] 2 propositions à relire en Finances (FIN)');
  });

  it('loses nothing while the mail server is down: the checkpoint waits, the mails go once it is back', async () => {
    await smtp.stop();
    await submitNew('FIN-7005', 'Pendant la panne');
    await untilChangesReadable(t.databaseUrl);
    await expect(notifier.catchUp()).rejects.toThrow();
    await smtp.start();
    const mails = await deliver();
    expect(mails.map((m) => m.subject)).toEqual(['[Lexique] À relire en Finances (FIN) : Pendant la panne']);
  });
});
