import { createHash, randomBytes } from 'node:crypto';
import type { LexiqueConfig } from '@lexique/core';

/** The browser's session: an opaque random token; only its SHA-256 is stored. */
export const SESSION_COOKIE = 'lexique_session';
/** A sign-in in progress at the provider, from "Se connecter" to the return. */
export const SIGN_IN_COOKIE = 'lexique_sign_in';

const TOKEN = /^[A-Za-z0-9_-]{43}$/;

export function newCookieToken(): string {
  return randomBytes(32).toString('base64url');
}

export function hashCookieToken(token: string): Buffer {
  return createHash('sha256').update(token).digest();
}

export function wellFormedToken(token: string | undefined): token is string {
  return token !== undefined && TOKEN.test(token);
}

/** The value of one cookie of a Cookie header, undefined when absent. */
export function readCookie(header: string | string[] | undefined, name: string): string | undefined {
  const text = Array.isArray(header) ? header.join('; ') : header;
  if (!text) return undefined;
  for (const part of text.split(';')) {
    const index = part.indexOf('=');
    if (index > 0 && part.slice(0, index).trim() === name) return part.slice(index + 1).trim();
  }
  return undefined;
}

/**
 * httpOnly (no script reads it), SameSite and Secure when Lexique is served
 * over https. The session is Strict: no other site's page can make the
 * browser send it, so neither a forged form nor a link acts as the person.
 * The sign-in attempt is Lax, as it must come back with the provider's
 * redirect, a navigation from another site.
 */
export function setCookie(
  config: LexiqueConfig,
  name: string,
  value: string,
  options: { maxAgeSeconds: number; sameSite: 'Strict' | 'Lax'; path?: string },
): string {
  const secure = config.publicUrl.startsWith('https:') ? '; Secure' : '';
  return `${name}=${value}; Path=${options.path ?? '/'}; Max-Age=${options.maxAgeSeconds}; HttpOnly; SameSite=${options.sameSite}${secure}`;
}

export function clearCookie(config: LexiqueConfig, name: string, path = '/'): string {
  return setCookie(config, name, '', { maxAgeSeconds: 0, sameSite: 'Lax', path });
}
