import { Inject, Injectable, Logger } from '@nestjs/common';
import { createRemoteJWKSet, decodeProtectedHeader, errors, JWTPayload, jwtVerify } from 'jose';
import { ANONYMOUS_PRINCIPAL, DomainError, LEXIQUE_CONFIG, LexiqueConfig, Principal, unauthenticated } from '@lexique/core';
import { looksLikeApiKey } from './api-keys/api-key-secret';
import { ApiKeyService } from './api-keys/api-key.service';
import { readCookie, SESSION_COOKIE } from './sessions/session-cookie';
import { SessionService } from './sessions/session.service';
import { localJwtSecret } from './tokens/local-jwt-secret';
import { ClaimNames, DEFAULT_CLAIM_NAMES, principalFromClaims } from './tokens/token-claims';

/** What an identity provider may sign with; HS256 stays reserved to the local secret. */
const PROVIDER_ALGORITHMS = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA'];

/** The anonymous caller when anonymous reading is off: no role at all. */
const CLOSED_ANONYMOUS: Principal = { ...ANONYMOUS_PRINCIPAL, roles: [] };

/**
 * Tells who is calling from the request headers:
 * - `X-Api-Key: lx_…` or `Authorization: Bearer lx_…`: an integration's API key;
 * - `Authorization: Bearer <JWT>`: a person, from a token signed with the
 *   local secret (HS256) or by the identity provider of AUTH_JWKS_URL;
 * - else the page's session cookie: a person signed in through the page;
 * - nothing: the anonymous caller, a reader only if LEXIQUE_ANONYMOUS_READ.
 */
@Injectable()
export class PrincipalResolver {
  private readonly secret?: Uint8Array;
  private readonly jwks?: ReturnType<typeof createRemoteJWKSet>;
  private readonly claimNames: ClaimNames;
  private readonly anonymous: Principal;
  private readonly logger = new Logger('Tokens');

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly apiKeys: ApiKeyService,
    private readonly sessions: SessionService,
  ) {
    const secret = localJwtSecret(config);
    this.secret = secret ? new TextEncoder().encode(secret) : undefined;
    // jose caches the key set and refetches it when a token names an unknown key id
    this.jwks = config.authJwksUrl ? createRemoteJWKSet(new URL(config.authJwksUrl)) : undefined;
    this.claimNames = { roles: config.authRolesClaim, domains: config.authDomainsClaim };
    this.anonymous = config.anonymousRead ? ANONYMOUS_PRINCIPAL : CLOSED_ANONYMOUS;
  }

  async resolve(headers: Record<string, string | string[] | undefined>): Promise<Principal> {
    const apiKey = typeof headers['x-api-key'] === 'string' ? headers['x-api-key'].trim() : undefined;
    const authorization = typeof headers.authorization === 'string' ? headers.authorization : undefined;
    if (apiKey && authorization) throw unauthenticated('Send either an API key or an Authorization header, not both');
    if (apiKey) return this.apiKeys.authenticate(apiKey);
    if (!authorization) {
      const session = readCookie(headers.cookie, SESSION_COOKIE);
      return session === undefined ? this.anonymous : this.sessions.principalOf(session);
    }
    const match = /^Bearer\s+(\S+)$/i.exec(authorization);
    if (!match) throw unauthenticated('The Authorization header must be "Bearer <token>"');
    if (looksLikeApiKey(match[1])) return this.apiKeys.authenticate(match[1]);
    const { claims, local } = await this.verify(match[1]);
    // tokens of `lexique token` always use the default names; a provider's use the configured ones
    return principalFromClaims(claims, local ? DEFAULT_CLAIM_NAMES : this.claimNames);
  }

  private async verify(token: string): Promise<{ claims: JWTPayload; local: boolean }> {
    let algorithm: string | undefined;
    try {
      algorithm = decodeProtectedHeader(token).alg;
    } catch {
      throw unauthenticated('The bearer token is not a JWT');
    }
    try {
      if (algorithm === 'HS256') {
        if (!this.secret) throw unauthenticated('This server accepts no locally signed tokens');
        return { claims: (await jwtVerify(token, this.secret, { algorithms: ['HS256'] })).payload, local: true };
      }
      if (!this.jwks) throw unauthenticated('This server accepts no identity provider tokens');
      const { payload } = await jwtVerify(token, this.jwks, {
        algorithms: PROVIDER_ALGORITHMS,
        issuer: this.config.authIssuer,
        audience: this.config.authAudience,
      });
      return { claims: payload, local: false };
    } catch (error) {
      if (error instanceof DomainError) throw error;
      if (keySetUnavailable(error)) {
        this.logger.warn(`The key set of AUTH_JWKS_URL could not be read: ${String(error)}`);
        throw unauthenticated('The identity provider could not be reached to check the token');
      }
      throw unauthenticated('The bearer token is invalid or expired');
    }
  }
}

/** The provider is down or answers nonsense: the caller's token may well be good. */
function keySetUnavailable(error: unknown): boolean {
  if (error instanceof errors.JWKSTimeout || error instanceof errors.JWKSInvalid) return true;
  // network failures come from fetch; a non-200 answer is jose's generic error
  return !(error instanceof errors.JOSEError) || error.code === 'ERR_JOSE_GENERIC';
}
