import { Controller, Get, HttpStatus, Res } from '@nestjs/common';
import type { Response } from 'express';
import { DataSource } from 'typeorm';
import { Public } from '@lexique/access';

const TIMEOUT_MS = 2000;

/** For load balancers: 200 when PostgreSQL answers, 503 otherwise. */
@Controller('health')
export class HealthController {
  constructor(private readonly dataSource: DataSource) {}

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
    const ok = database === 'up';
    res
      .status(ok ? HttpStatus.OK : HttpStatus.SERVICE_UNAVAILABLE)
      .json({ status: ok ? 'ok' : 'unavailable', checks: { database: { status: database, latencyMs: Date.now() - started } } });
  }
}
