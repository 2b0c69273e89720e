import { Inject, Injectable, NestMiddleware } from '@nestjs/common';
import type { NextFunction, Request, Response } from 'express';
import { LEXIQUE_CONFIG, LexiqueConfig } from '@lexique/core';

/**
 * Apollo runs every operation of a batched request (a JSON array) and has no
 * cap of its own: longer batches are refused here, before any of them runs.
 */
@Injectable()
export class GraphQLBatchLimitMiddleware implements NestMiddleware {
  constructor(@Inject(LEXIQUE_CONFIG) private readonly config: LexiqueConfig) {}

  use(req: Request, res: Response, next: NextFunction) {
    const body: unknown = req.body;
    if (Array.isArray(body) && body.length > this.config.graphqlBatchLimit) {
      res.status(400).json({
        errors: [
          {
            message: `A batched request may hold at most ${this.config.graphqlBatchLimit} operations (got ${body.length})`,
            extensions: { code: 'BATCH_TOO_LARGE' },
          },
        ],
      });
      return;
    }
    next();
  }
}
