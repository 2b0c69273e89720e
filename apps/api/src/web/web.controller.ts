import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Public } from '@lexique/access';
import { projectRoot } from '@lexique/core';

const ASSET_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'app.css': 'text/css; charset=utf-8',
  'logo.svg': 'image/svg+xml',
};

// Everything the page loads comes from this server: no CDN, no inline script.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/**
 * The agents' lookup page: one HTML shell for every page address (search,
 * concept, legacy code, systems), rendered in the browser from the GraphQL
 * API. Assets are small files read once and cached by the browser.
 */
@Controller()
export class WebController {
  private readonly folder = path.join(projectRoot(), 'apps', 'api', 'web');
  private shell?: string;

  @Get()
  @Public()
  home(@Res() res: Response) {
    this.page(res);
  }

  @Get('concept/:code')
  @Public()
  concept(@Res() res: Response) {
    this.page(res);
  }

  @Get('systems')
  @Public()
  systems(@Res() res: Response) {
    this.page(res);
  }

  @Get('system/:system/code/:code')
  @Public()
  legacyCode(@Res() res: Response) {
    this.page(res);
  }

  @Get('assets/:file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response) {
    const type = Object.hasOwn(ASSET_TYPES, file) ? ASSET_TYPES[file] : undefined;
    if (!type) throw new NotFoundException();
    res.type(type).setHeader('Cache-Control', 'public, max-age=300');
    res.sendFile(path.join(this.folder, file));
  }

  private page(res: Response) {
    this.shell ??= fs.readFileSync(path.join(this.folder, 'index.html'), 'utf8');
    res
      .type('text/html; charset=utf-8')
      .setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Referrer-Policy', 'same-origin')
      .send(this.shell);
  }
}
