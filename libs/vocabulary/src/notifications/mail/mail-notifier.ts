import { Inject, Injectable, Logger } from '@nestjs/common';
import { PeopleRepository } from '@lexique/access';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { ChangeLogReader, ChangePosition, ChangeRow } from '@lexique/database';
import { DomainRepository } from '../../domains/domain.repository';
import { DECISIONS, REVIEW_REQUESTS } from '../decisions';
import { NotificationRepository } from '../notification.repository';
import { decisionMail, MailEvent, reviewRequestMail } from './mail-messages';
import { MailCheckpointRepository } from './mail-checkpoint.repository';
import { MailMessage, MailTransport } from './mail-transport';

export const MAIL_CHECKPOINT = 'stewards';
const BATCH = 500;

export interface MailRound {
  changes: number;
  mails: number;
}

/**
 * Follows the change log and mails people who have something to do or to
 * know: the stewards of a domain (who signed in with an address) when an
 * entry of it is sent for review, the author when a reviewer decides. One
 * mail per person and batch. The checkpoint moves only once a batch's mails
 * are sent (at least once: a failure sends the batch again); the round runs
 * under an advisory lock, so with several replicas one sends.
 * It starts from the end of the log the first time: no mail for the past.
 */
@Injectable()
export class MailNotifier {
  private readonly logger = new Logger('MailNotifier');

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly reader: ChangeLogReader,
    private readonly checkpoints: MailCheckpointRepository,
    private readonly transport: MailTransport,
    private readonly people: PeopleRepository,
    private readonly domains: DomainRepository,
    private readonly notifications: NotificationRepository,
  ) {}

  get enabled(): boolean {
    return this.transport.enabled;
  }

  /** Mails everything readable since the checkpoint; null when another process holds the turn. */
  async catchUp(): Promise<MailRound | null> {
    const outcome = await this.checkpoints.exclusively(() => this.round());
    return outcome.ran ? outcome.result : null;
  }

  private async round(): Promise<MailRound> {
    const report: MailRound = { changes: 0, mails: 0 };
    let position = await this.checkpoints.load(MAIL_CHECKPOINT);
    if (!position) {
      const head = await this.reader.head();
      if (head) await this.checkpoints.save(MAIL_CHECKPOINT, head);
      return report;
    }
    for (;;) {
      const changes = await this.reader.readAfter(position, BATCH, { entityTypes: ['CONCEPT', 'MAPPING'] });
      if (changes.length === 0) return report;
      const mails = await this.mailsFor(changes);
      for (const mail of mails) await this.transport.send(mail);
      const last = changes[changes.length - 1];
      position = { txid: last.txid, seq: last.seq } satisfies ChangePosition;
      await this.checkpoints.save(MAIL_CHECKPOINT, position);
      report.changes += changes.length;
      report.mails += mails.length;
      if (mails.length) this.logger.log({ message: 'mails sent', mails: mails.length, changes: changes.length });
    }
  }

  private async mailsFor(changes: ChangeRow[]): Promise<MailMessage[]> {
    const requests = new Map<string, { domain: string; events: MailEvent[] }>();
    const decisions = new Map<string, MailEvent[]>();
    const names = new Map((await this.people.find([...new Set(changes.map((c) => c.principal))])).map((p) => [p.id, p.name]));
    const event = (change: ChangeRow): MailEvent => ({
      change,
      title: titleOf(change),
      by: names.get(change.principal) ?? change.principal.replace(/^(user|key):/, ''),
      link: this.linkTo(change),
    });
    for (const change of changes) {
      if (REVIEW_REQUESTS.includes(change.action) && change.domain) {
        for (const steward of await this.people.stewardsOf(change.domain)) {
          if (steward.id === change.principal || !steward.email) continue;
          const entry = requests.get(`${steward.email}\u0000${change.domain}`) ?? { domain: change.domain, events: [] };
          entry.events.push(event(change));
          requests.set(`${steward.email}\u0000${change.domain}`, entry);
        }
      } else if (change.action in DECISIONS) {
        const author = await this.notifications.lastAuthorBefore(change.entityType, change.entityId, change.seq);
        if (!author || author === change.principal) continue;
        const [person] = await this.people.find([author]);
        if (!person?.email) continue;
        decisions.set(person.email, [...(decisions.get(person.email) ?? []), event(change)]);
      }
    }
    const labels = new Map(
      (await this.domains.findByCodes([...new Set([...requests.values()].map((r) => r.domain))])).map((d) => [
        d.code,
        d.label.fr ?? d.code,
      ]),
    );
    return [
      ...[...requests].map(([key, { domain, events }]) =>
        reviewRequestMail(key.split('\u0000')[0], `${labels.get(domain) ?? domain} (${domain})`, events),
      ),
      ...[...decisions].map(([to, events]) => decisionMail(to, events)),
    ];
  }

  private linkTo(change: ChangeRow): string {
    if (change.entityType === 'CONCEPT') return `${this.config.publicUrl}/concept/${encodeURIComponent(change.entityKey)}`;
    const slash = change.entityKey.indexOf('/');
    const system = change.entityKey.slice(0, slash);
    const code = change.entityKey.slice(slash + 1);
    return `${this.config.publicUrl}/system/${encodeURIComponent(system)}/code/${encodeURIComponent(code)}`;
  }
}

function titleOf(change: ChangeRow): string {
  const snapshot = (change.after ?? change.before) as { prefLabel?: { fr?: string } } | null;
  return change.entityType === 'CONCEPT' ? (snapshot?.prefLabel?.fr ?? change.entityKey) : change.entityKey;
}
