import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * A key reads `lx_<8 hex>_<43 base64url>`: the first part is the public
 * prefix that finds the row, the rest 256 random bits. Only the SHA-256 of
 * the whole key is stored.
 */
const KEY = /^(lx_[0-9a-f]{8})_[A-Za-z0-9_-]{43}$/;

export function newApiKey(): { prefix: string; secret: string } {
  const prefix = `lx_${randomBytes(4).toString('hex')}`;
  return { prefix, secret: `${prefix}_${randomBytes(32).toString('base64url')}` };
}

/** The prefix of a well-formed key, else undefined. */
export function apiKeyPrefix(secret: string): string | undefined {
  return KEY.exec(secret)?.[1];
}

export function looksLikeApiKey(credential: string): boolean {
  return credential.startsWith('lx_');
}

export function hashApiKey(secret: string): Buffer {
  return createHash('sha256').update(secret).digest();
}

export function apiKeyMatches(secret: string, hash: Buffer): boolean {
  const candidate = hashApiKey(secret);
  return candidate.length === hash.length && timingSafeEqual(candidate, hash);
}
