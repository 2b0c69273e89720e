import { Inject, Injectable } from '@nestjs/common';
import { DomainError, ErrorReason, LEXIQUE_CONFIG, LexiqueConfig, Principal, refusal } from '@lexique/core';
import { PeopleRepository } from './people.repository';
import { hashCookieToken, newCookieToken, wellFormedToken } from './session-cookie';
import { SessionRepository } from './session.repository';

/** A session cookie that signs nobody in (ended, or never issued here); the page offers to sign in again. */
export function sessionExpired(): DomainError {
  return refusal(ErrorReason.SESSION_EXPIRED, 'Your session has ended: sign in again');
}

export function isSessionRefusal(error: unknown): boolean {
  return error instanceof DomainError && error.reason === ErrorReason.SESSION_EXPIRED;
}

const EMAIL = /^[^@\s]+@[^@\s]+$/;

/**
 * Browser sessions of people who signed in (through the provider or the
 * demo's page). A session ends at its maximum age, after SESSION_IDLE_MINUTES
 * unused, or when the person signs out; the principal is the one of the
 * sign-in, so rights change at the next sign-in.
 */
@Injectable()
export class SessionService {
  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly sessions: SessionRepository,
    private readonly people: PeopleRepository,
  ) {}

  /** Records the person and opens a session; returns the cookie's token. */
  async start(principal: Principal, details: { email?: unknown; idToken?: string | null } = {}): Promise<string> {
    const email = typeof details.email === 'string' && EMAIL.test(details.email.trim()) ? details.email.trim() : null;
    await this.people.record(principal, email);
    await this.sessions.deleteExpired();
    const token = newCookieToken();
    await this.sessions.insert(hashCookieToken(token), principal, details.idToken ?? null, this.config.sessionMaxAgeMinutes);
    return token;
  }

  /** The person of a live session; refused with SESSION_EXPIRED when it ended or never existed. */
  async principalOf(token: string): Promise<Principal> {
    if (!wellFormedToken(token)) throw sessionExpired();
    const hash = hashCookieToken(token);
    const session = await this.sessions.find(hash, this.config.sessionIdleMinutes);
    if (!session || session.ended) {
      if (session) await this.sessions.delete(hash);
      throw sessionExpired();
    }
    if (session.stale) await this.sessions.touch(hash);
    return session.principal;
  }

  /** Ends a session; returns its id token (for the provider's sign-out) when there was one. */
  async end(token: string | undefined): Promise<{ idToken: string | null }> {
    if (!wellFormedToken(token)) return { idToken: null };
    return (await this.sessions.delete(hashCookieToken(token))) ?? { idToken: null };
  }

  /** Seconds a new session's cookie lives (the browser forgets it when the server would refuse it). */
  cookieMaxAgeSeconds(): number {
    return this.config.sessionMaxAgeMinutes * 60;
  }
}
