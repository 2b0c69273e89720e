import { ErrorReason, Principal, refusal, Role } from '@lexique/core';

/** Whether publishing in a domain needs a second person's approval. */
export interface ReviewRule {
  requiresReview: boolean;
}

/**
 * Who may read, write, publish and approve what, per domain: the one place
 * these rules live (DESIGN principle 7). Resolvers, services, exports and
 * imports ask it and never look at roles themselves.
 *
 * - Anyone allowed to read sees published and deprecated entries.
 * - The stewards of a domain and admins also see its drafts, entries in
 *   review, pending revisions and hidden labels, and they write there.
 *   Entries that belong to no domain (UNMAPPED codes of a system whose kind
 *   names none) are written by admins only.
 * - Publishing needs a second person where the domain requires review: the
 *   last editor of an entry may not approve it (four eyes), whoever they are.
 *   Where it does not, a writer of the domain publishes directly.
 * - An admin's import publishes with the statuses the file gives (loading a
 *   vocabulary must not need one approval per row); a steward's import
 *   follows the rules of editing.
 */
export class AccessPolicy {
  private constructor(private readonly principal: Principal) {}

  static of(principal: Principal): AccessPolicy {
    return new AccessPolicy(principal);
  }

  get isAdmin(): boolean {
    return this.principal.roles.includes(Role.ADMIN);
  }

  /** Domains whose unpublished entries the principal reads and writes: every one for admins. */
  get unpublishedDomains(): readonly string[] | 'all' {
    if (this.isAdmin) return 'all';
    return this.principal.roles.includes(Role.STEWARD) ? this.principal.stewardDomains : [];
  }

  /** Drafts, entries in review, pending revisions and hidden labels of the domain. */
  mayReadUnpublished(domain: string | null): boolean {
    return this.mayWrite(domain);
  }

  /** Create, edit, submit and withdraw entries of the domain. */
  mayWrite(domain: string | null): boolean {
    const domains = this.unpublishedDomains;
    return domains === 'all' || (domain !== null && domains.includes(domain));
  }

  /** Publish without a second person: a writer of a domain that does not require review. */
  mayPublishWithoutReview(domain: string | null, rule: ReviewRule): boolean {
    return this.mayWrite(domain) && !rule.requiresReview;
  }

  /** Import entries with the statuses a file gives, published ones included. */
  mayImportPublished(domain: string | null, rule: ReviewRule): boolean {
    return this.isAdmin || this.mayPublishWithoutReview(domain, rule);
  }

  /** Approve an entry whose content `lastEditor` wrote last (null: loaded data, nobody edited it). */
  mayApprove(domain: string | null, rule: ReviewRule, lastEditor: string | null): boolean {
    return this.mayWrite(domain) && !(rule.requiresReview && lastEditor === this.principal.id);
  }

  /** Manage domains, information systems and API keys; import systems. */
  get mayAdminister(): boolean {
    return this.isAdmin;
  }

  /** Import files at all (each row is then judged by the rules above). */
  get mayImport(): boolean {
    return this.isAdmin || this.principal.roles.includes(Role.STEWARD);
  }

  assertMayWrite(domain: string | null, what = 'entries'): void {
    if (this.mayWrite(domain)) return;
    throw domain
      ? refusal(ErrorReason.NOT_STEWARD, `Only a steward of domain ${domain} or an admin may change its ${what}`, undefined, { domain })
      : refusal(ErrorReason.ADMIN_ONLY, `Only admins may change ${what} that belong to no domain`);
  }

  assertMayApprove(domain: string | null, rule: ReviewRule, lastEditor: string | null, subject: string): void {
    this.assertMayWrite(domain);
    if (!this.mayApprove(domain, rule, lastEditor)) {
      throw refusal(
        ErrorReason.SELF_APPROVAL,
        `You made the last edit of ${subject}: in this domain another steward must approve it (four eyes)`,
        undefined,
        { domain },
      );
    }
  }

  assertMayAdminister(what: string): void {
    if (!this.isAdmin) throw refusal(ErrorReason.ADMIN_ONLY, `Only admins ${what}`);
  }
}
