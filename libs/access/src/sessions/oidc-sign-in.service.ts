import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import { LEXIQUE_CONFIG, LexiqueConfig, Principal } from '@lexique/core';
import { principalFromClaims } from '../tokens/token-claims';
import { hashCookieToken, newCookieToken, wellFormedToken } from './session-cookie';
import { SessionRepository } from './session.repository';

/** How long a person has at the provider between "Se connecter" and coming back. */
export const SIGN_IN_MINUTES = 10;

export class SignInFailed extends Error {
  constructor(
    /** What the page says: expired (took too long or came back twice), refused (at the provider), failed (anything else). */
    readonly kind: 'expired' | 'refused' | 'failed',
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

export interface SignedIn {
  principal: Principal;
  email: unknown;
  idToken: string | null;
  returnTo: string;
}

/**
 * Sign-in through the organisation's OpenID Connect provider with
 * openid-client (certified, by the author of jose): the authorization code
 * flow with PKCE, state and nonce. The verifier, state and nonce wait in
 * PostgreSQL under the SHA-256 of a short-lived cookie, so the return may
 * reach any replica and is bound to the browser that left.
 */
@Injectable()
export class OidcSignInService {
  private configuration?: Promise<oidc.Configuration>;

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly sessions: SessionRepository,
  ) {}

  get redirectUri(): string {
    return `${this.config.publicUrl}/auth/callback`;
  }

  /** Where to send the browser, and the token of the attempt's cookie. */
  async begin(returnTo: string): Promise<{ url: URL; token: string }> {
    const configuration = await this.client();
    const codeVerifier = oidc.randomPKCECodeVerifier();
    const state = oidc.randomState();
    const nonce = oidc.randomNonce();
    const token = newCookieToken();
    await this.sessions.insertAttempt(hashCookieToken(token), { state, nonce, codeVerifier, returnTo }, SIGN_IN_MINUTES);
    const url = oidc.buildAuthorizationUrl(configuration, {
      redirect_uri: this.redirectUri,
      scope: this.config.authScopes,
      code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, token };
  }

  /** Checks the provider's answer, exchanges the code and reads who signed in (ID token, then userinfo). */
  async complete(query: string, attemptToken: string | undefined): Promise<SignedIn> {
    const attempt = wellFormedToken(attemptToken) ? await this.sessions.takeAttempt(hashCookieToken(attemptToken)) : null;
    if (!attempt) throw new SignInFailed('expired', 'No sign-in in progress for this browser, or it took too long');
    const configuration = await this.client();
    let tokens: Awaited<ReturnType<typeof oidc.authorizationCodeGrant>>;
    try {
      tokens = await oidc.authorizationCodeGrant(configuration, new URL(`${this.redirectUri}${query}`), {
        pkceCodeVerifier: attempt.codeVerifier,
        expectedState: attempt.state,
        expectedNonce: attempt.nonce,
        idTokenExpected: true,
      });
    } catch (error) {
      const refused = error instanceof oidc.AuthorizationResponseError;
      throw new SignInFailed(refused ? 'refused' : 'failed', `The provider's answer was refused: ${String(error)}`, { cause: error });
    }
    const idClaims = tokens.claims()!;
    // providers often keep scope claims (roles, email) for userinfo rather than the ID token
    const userInfo = configuration.serverMetadata().userinfo_endpoint
      ? await oidc.fetchUserInfo(configuration, tokens.access_token, idClaims.sub)
      : {};
    const claims: Record<string, unknown> = { ...idClaims, ...userInfo };
    const principal = principalFromClaims(claims, { roles: this.config.authRolesClaim, domains: this.config.authDomainsClaim });
    return { principal, email: claims.email, idToken: tokens.id_token ?? null, returnTo: attempt.returnTo };
  }

  /** The provider's sign-out page for this session, when the provider has one. */
  async endSessionUrl(idToken: string | null): Promise<string | null> {
    const configuration = await this.client();
    if (!configuration.serverMetadata().end_session_endpoint) return null;
    const parameters: Record<string, string> = { post_logout_redirect_uri: `${this.config.publicUrl}/` };
    if (idToken) parameters.id_token_hint = idToken;
    return oidc.buildEndSessionUrl(configuration, parameters).href;
  }

  /** The provider's metadata, discovered once (again after a failure, so a provider down at start is retried). */
  private client(): Promise<oidc.Configuration> {
    this.configuration ??= oidc
      .discovery(new URL(this.config.authIssuer!), this.config.authClientId!, this.config.authClientSecret, undefined, {
        // plain http is for a provider on this machine (development, tests) only
        execute: isLoopbackHttp(this.config.authIssuer!) ? [oidc.allowInsecureRequests] : [],
      })
      .catch((error: unknown) => {
        this.configuration = undefined;
        throw new SignInFailed('failed', `The identity provider could not be reached: ${String(error)}`, { cause: error });
      });
    return this.configuration;
  }
}

function isLoopbackHttp(issuer: string): boolean {
  const url = new URL(issuer);
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}
