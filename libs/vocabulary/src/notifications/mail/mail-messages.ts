import type { ChangeRow } from '@lexique/database';
import { MailMessage } from './mail-transport';

/** What one change means for the people a mail goes to. */
export interface MailEvent {
  change: ChangeRow;
  /** The concept's French label, or the mapping's key. */
  title: string;
  /** Who made the change, by name when known. */
  by: string;
  /** Address of the entry on the page. */
  link: string;
}

const PARIS = new Intl.DateTimeFormat('fr-FR', { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Paris' });

const REQUESTS: Record<string, string> = {
  SUBMIT: 'envoyé en relecture',
  PROPOSE_REVISION: 'modification proposée',
};

const DECISIONS: Record<string, string> = {
  APPROVE: 'approuvé et publié',
  REJECT: 'renvoyé en brouillon',
  APPROVE_REVISION: 'votre modification a été approuvée',
  REJECT_REVISION: 'votre modification a été refusée',
};

const FOOTER =
  '\n\n— Lexique, le dictionnaire partagé des systèmes d’information de Bordeaux Métropole.\nCe message est envoyé automatiquement.';

function line(event: MailEvent, words: string): string {
  const subject = event.change.entityType === 'MAPPING' ? `Correspondance ${event.title}` : `${event.change.entityKey} « ${event.title} »`;
  const reason = event.change.reason ? `\n  Motif : « ${event.change.reason} »` : '';
  return `- ${subject} : ${words} par ${event.by} le ${PARIS.format(event.change.at)}.${reason}\n  ${event.link}`;
}

/** One mail to a steward: what waits for their review in a domain. */
export function reviewRequestMail(to: string, domainLabel: string, events: MailEvent[]): MailMessage {
  const count = events.length;
  return {
    to,
    subject:
      count === 1
        ? `[Lexique] À relire en ${domainLabel} : ${events[0].title}`
        : `[Lexique] ${count} propositions à relire en ${domainLabel}`,
    text:
      `Bonjour,\n\n${count === 1 ? 'Une proposition attend' : `${count} propositions attendent`} la relecture d’un référent du domaine ${domainLabel} :\n\n` +
      events.map((event) => line(event, REQUESTS[event.change.action] ?? event.change.action)).join('\n\n') +
      '\n\nLa personne qui a fait la dernière modification ne peut pas l’approuver elle-même.' +
      FOOTER,
  };
}

/** One mail to an author: what reviewers decided about their entries. */
export function decisionMail(to: string, events: MailEvent[]): MailMessage {
  const first = events[0];
  const subject =
    events.length === 1
      ? `[Lexique] ${first.title} : ${DECISIONS[first.change.action] ?? first.change.action}`
      : `[Lexique] ${events.length} décisions sur vos propositions`;
  return {
    to,
    subject,
    text: `Bonjour,\n\n` + events.map((event) => line(event, DECISIONS[event.change.action] ?? event.change.action)).join('\n\n') + FOOTER,
  };
}
