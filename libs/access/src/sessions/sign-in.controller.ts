import {
  Body,
  Controller,
  Get,
  HttpCode,
  Inject,
  Logger,
  NotFoundException,
  Post,
  Query,
  Req,
  Res,
  UnsupportedMediaTypeException,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';
import { Public } from '../allow.decorator';
import { DEMO_PERSONAS } from './demo-personas';
import { OidcSignInService, SIGN_IN_MINUTES, SignInFailed } from './oidc-sign-in.service';
import { clearCookie, readCookie, SESSION_COOKIE, setCookie, SIGN_IN_COOKIE } from './session-cookie';
import { SessionService } from './session.service';
import { demoSignInEnabled, signInMode } from './sign-in-mode';

/**
 * Sign-in and sign-out of the page:
 * - GET /auth/login → the provider, GET /auth/callback ← the provider;
 * - POST /auth/logout ends the session (and says where the provider's sign-out is);
 * - GET /auth/demo/personas and POST /auth/demo: the embedded demo's sign-in.
 * POSTs take JSON only: another site's form cannot send it, and a script of
 * another site needs a preflight this server never grants.
 */
@Controller('auth')
export class SignInController {
  private readonly logger = new Logger('SignIn');

  constructor(
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
    private readonly sessions: SessionService,
    private readonly oidc: OidcSignInService,
  ) {}

  @Get('login')
  @Public()
  async login(@Query('returnTo') returnTo: unknown, @Res() res: Response) {
    if (signInMode(this.config) !== 'provider') throw new NotFoundException();
    try {
      const { url, token } = await this.oidc.begin(localPath(returnTo));
      res.setHeader(
        'Set-Cookie',
        setCookie(this.config, SIGN_IN_COOKIE, token, { maxAgeSeconds: SIGN_IN_MINUTES * 60, sameSite: 'Lax', path: '/auth' }),
      );
      res.redirect(303, url.href);
    } catch (error) {
      this.fail(res, error);
    }
  }

  @Get('callback')
  @Public()
  async callback(@Req() req: Request, @Res() res: Response) {
    if (signInMode(this.config) !== 'provider') throw new NotFoundException();
    const query = req.originalUrl.slice(req.originalUrl.indexOf('?') >= 0 ? req.originalUrl.indexOf('?') : req.originalUrl.length);
    try {
      const signedIn = await this.oidc.complete(query, readCookie(req.headers.cookie, SIGN_IN_COOKIE));
      const token = await this.sessions.start(signedIn.principal, { email: signedIn.email, idToken: signedIn.idToken });
      res.setHeader('Set-Cookie', [clearCookie(this.config, SIGN_IN_COOKIE, '/auth'), this.sessionCookie(token)]);
      this.logger.log({ message: 'signed in', principal: signedIn.principal.id, roles: signedIn.principal.roles });
      res.redirect(303, signedIn.returnTo);
    } catch (error) {
      this.fail(res, error);
    }
  }

  @Post('logout')
  @Public()
  @HttpCode(200)
  async logout(@Req() req: Request, @Res() res: Response) {
    requireJson(req);
    const { idToken } = await this.sessions.end(readCookie(req.headers.cookie, SESSION_COOKIE));
    res.setHeader('Set-Cookie', clearCookie(this.config, SESSION_COOKIE));
    let redirect: string | null = null;
    if (signInMode(this.config) === 'provider') {
      redirect = await this.oidc.endSessionUrl(idToken).catch((error: unknown) => {
        this.logger.warn(`No sign-out at the provider: ${String(error)}`);
        return null;
      });
    }
    res.json({ redirect: redirect ?? '/' });
  }

  @Get('demo/personas')
  @Public()
  personas() {
    if (!demoSignInEnabled(this.config)) throw new NotFoundException();
    return DEMO_PERSONAS.map(({ key, principal, description }) => ({
      key,
      name: principal.name,
      description,
      roles: principal.roles,
      stewardDomains: principal.stewardDomains,
    }));
  }

  @Post('demo')
  @Public()
  @HttpCode(200)
  async demo(@Req() req: Request, @Body() body: { persona?: unknown; returnTo?: unknown } | undefined, @Res() res: Response) {
    if (!demoSignInEnabled(this.config)) throw new NotFoundException();
    requireJson(req);
    const persona = DEMO_PERSONAS.find((p) => p.key === body?.persona);
    if (!persona) {
      res.status(400).json({ code: 'BAD_USER_INPUT', field: 'persona', message: `Unknown demo persona "${String(body?.persona)}"` });
      return;
    }
    const token = await this.sessions.start(persona.principal, { email: persona.email });
    res.setHeader('Set-Cookie', this.sessionCookie(token));
    res.json({ redirect: localPath(body?.returnTo) });
  }

  private sessionCookie(token: string): string {
    return setCookie(this.config, SESSION_COOKIE, token, { maxAgeSeconds: this.sessions.cookieMaxAgeSeconds(), sameSite: 'Strict' });
  }

  private fail(res: Response, error: unknown) {
    const kind = error instanceof SignInFailed ? error.kind : 'failed';
    this.logger.warn(`Sign-in failed (${kind}): ${error instanceof Error ? error.message : String(error)}`);
    res.setHeader('Set-Cookie', clearCookie(this.config, SIGN_IN_COOKIE, '/auth'));
    res.redirect(303, `/connexion?erreur=${kind}`);
  }
}

/** Where to go back after signing in: a path of this site only, never another host. */
function localPath(value: unknown): string {
  if (typeof value !== 'string' || value.length > 2000) return '/';
  return /^\/(?![/\\])[^\s]*$/.test(value) ? value : '/';
}

function requireJson(req: Request) {
  if (!req.is('application/json')) throw new UnsupportedMediaTypeException('Send JSON (content-type: application/json)');
}
