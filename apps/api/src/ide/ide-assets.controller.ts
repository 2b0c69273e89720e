import { Controller, Get, NotFoundException, Param, Res } from '@nestjs/common';
import type { Response } from 'express';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { Public } from '@lexique/access';

/** The few files GraphiQL needs, resolved from node_modules; nothing else is served. */
const ASSETS: Record<string, { module: string; type: string }> = {
  'graphiql.min.js': { module: 'graphiql/graphiql.min.js', type: 'text/javascript' },
  'graphiql.min.css': { module: 'graphiql/graphiql.min.css', type: 'text/css' },
  'react.production.min.js': { module: 'react/umd/react.production.min.js', type: 'text/javascript' },
  'react-dom.production.min.js': { module: 'react-dom/umd/react-dom.production.min.js', type: 'text/javascript' },
};

@Controller('ide')
export class IdeAssetsController {
  @Get(':file')
  @Public()
  asset(@Param('file') file: string, @Res() res: Response) {
    const asset = Object.hasOwn(ASSETS, file) ? ASSETS[file] : undefined;
    if (!asset) throw new NotFoundException();
    res.type(asset.type).setHeader('Cache-Control', 'public, max-age=86400');
    // package exports do not expose these files, so they are read from node_modules directly
    res.sendFile(path.join(projectRoot(), 'node_modules', asset.module));
  }
}
