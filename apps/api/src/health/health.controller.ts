import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@lexique/access';
import { SearchHealth } from '@lexique/search';

const TIMEOUT_MS = 2000;

/**
 * For load balancers: 200 when PostgreSQL answers, 503 otherwise. Search is
 * reported beside it and never makes the service unavailable: with
 * Meilisearch down, PostgreSQL answers searches, and the body says
 * `status: degraded` with the search check's reason.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly dataSource: DataSource,
    private readonly searchHealth: SearchHealth,
  ) {}

  @Get()
  @Public()
  async check(@Res() res: Response) {
    const started = Date.now();
    let database: 'up' | 'down' = 'down';
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.dataSource.query('SELECT 1'),
        new Promise((_, reject) => (timer = setTimeout(() => reject(new Error('timeout')), TIMEOUT_MS))),
      ]);
      database = 'up';
    } catch {
      database = 'down';
    } finally {
      clearTimeout(timer);
    }
    const latencyMs = Date.now() - started;
    const search = database === 'up' ? await this.searchHealth.check().catch(() => undefined) : undefined;
    const status = database === 'down' ? 'unavailable' : search?.status === 'up' ? 'ok' : 'degraded';
    res
      .status(database === 'up' ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status, checks: { database: { status: database, latencyMs }, ...(search ? { search } : {}) } });
  }
}
