import { Controller, Get, Inject, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Public, signInMode } from '@lexique/access';
import { LEXIQUE_CONFIG, LexiqueConfig, projectRoot } from '@lexique/core';

const ASSET_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
};

// Everything the page loads comes from this server: no CDN, no inline script or style.
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

/** Addresses of the page's screens: each is the same HTML shell, whose modules draw the screen. */
const SCREENS = [
  '/',
  'concept/:code',
  'concept/:code/modifier',
  'concept/:code/historique',
  'nouveau-concept',
  'domaine/:code',
  'systems',
  'system/:system',
  'system/:system/code/:code',
  'connexion',
  'notifications',
  'a-relire',
  'a-relire/concept/:code',
  'a-relire/correspondance/:system/*code',
  'import',
];

/**
 * The agents' lookup page and the stewards' workspace: one HTML shell for
 * every screen address, rendered in the browser from the GraphQL API by ES
 * modules served from apps/api/web (one file per screen under screens/).
 */
@Controller()
export class WebController {
  private readonly folder = path.join(projectRoot(), 'apps', 'api', 'web');
  /** Every file the page may load, by its path under /assets: nothing else is served. */
  private readonly assets = listAssets(this.folder);
  private shell?: string;

  constructor(@Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig) {}

  @Get(SCREENS)
  @Public()
  screen(@Res() res: Response) {
    this.shell ??= fs.readFileSync(path.join(this.folder, 'index.html'), 'utf8').replace('{{signIn}}', signInMode(this.config));
    res
      .type('text/html; charset=utf-8')
      .setHeader('Content-Security-Policy', CONTENT_SECURITY_POLICY)
      .setHeader('X-Content-Type-Options', 'nosniff')
      .setHeader('Referrer-Policy', 'same-origin')
      .setHeader('Cache-Control', 'no-cache')
      .send(this.shell);
  }

  @Get('assets/*file')
  @Public()
  asset(@Param('file') file: string | string[], @Res() res: Response) {
    const name = Array.isArray(file) ? file.join('/') : file;
    const full = this.assets.get(name);
    if (!full) throw new NotFoundException();
    // modules import each other: revalidated on every load so that a new release never mixes with an old one
    res.type(ASSET_TYPES[path.extname(name)]).setHeader('Cache-Control', 'no-cache').setHeader('X-Content-Type-Options', 'nosniff');
    res.sendFile(full);
  }
}

function listAssets(folder: string): Map<string, string> {
  const assets = new Map<string, string>();
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (Object.hasOwn(ASSET_TYPES, path.extname(entry.name)))
        assets.set(path.relative(folder, full).split(path.sep).join('/'), full);
    }
  };
  walk(folder);
  return assets;
}
