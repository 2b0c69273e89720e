import { Inject, Injectable, Logger, NestMiddleware } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';
import { clearCookie, isSessionRefusal, PrincipalResolver, SESSION_COOKIE } from '@lexique/access';
import { ANONYMOUS_PRINCIPAL, LEXIQUE_CONFIG, LexiqueConfig, RequestContext } from '@lexique/core';
import { requestScope } from '../logging/request-scope';

const QUIET_PATHS = /^\/(health|metrics|assets|ide)(\/|$)/;
const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/**
 * Gives each request its id (the caller's X-Request-Id when sane) and its
 * principal, before guards and resolvers run.
 */
@Injectable()
export class RequestContextMiddleware implements NestMiddleware {
  private readonly logger = new Logger('HTTP');

  constructor(
    private readonly principals: PrincipalResolver,
    @Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig,
  ) {}

  async use(req: Request & { lexique?: RequestContext }, res: Response, next: NextFunction) {
    const header = req.header('x-request-id');
    const requestId = header && REQUEST_ID.test(header) ? header : randomUUID();
    res.setHeader('X-Request-Id', requestId);
    const started = process.hrtime.bigint();
    res.on('finish', () => {
      const line = {
        message: 'request',
        method: req.method,
        path: req.originalUrl.split('?')[0],
        status: res.statusCode,
        durationMs: Number(process.hrtime.bigint() - started) / 1e6,
      };
      // probes and static files would drown the useful lines
      if (QUIET_PATHS.test(line.path)) this.logger.debug(line);
      else this.logger.log(line);
    });
    const path = req.originalUrl.split('?')[0];
    try {
      // static files and probes are public: no session lookup for each of the page's modules
      const principal = QUIET_PATHS.test(path) ? ANONYMOUS_PRINCIPAL : await this.principals.resolve(req.headers);
      req.lexique = { requestId, principal };
    } catch (error) {
      req.lexique = { requestId, principal: ANONYMOUS_PRINCIPAL, credentialsError: error as Error };
      // an ended session is refused to the API, where the page learns of it; the browser then forgets its cookie
      if (isSessionRefusal(error) && path.startsWith('/graphql')) res.append('Set-Cookie', clearCookie(this.config, SESSION_COOKIE));
    }
    requestScope.run({ requestId }, () => next());
  }
}
