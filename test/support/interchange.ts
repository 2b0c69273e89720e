import * as fs from 'node:fs';
import * as path from 'node:path';
import { Client } from 'pg';
import { Principal, Role, systemContext } from '@lexique/core';
import { ExportService, ImportOptions, ImportReport, ImportService, InterchangeFormat } from '@lexique/interchange';
import { TestApp } from './test-app';

export const FIXTURES = path.join(__dirname, '..', 'fixtures');

export const ADMIN: Principal = { id: 'cli:tester', name: 'tester', kind: 'system', roles: [Role.ADMIN], stewardDomains: [] };

export function steward(name: string, domains: string[]): Principal {
  return { id: `user:${name}`, name, kind: 'user', roles: [Role.STEWARD], stewardDomains: domains };
}

/** Imports text or bytes as if read from a file of that name. */
export function importText(
  t: TestApp,
  content: string | Buffer,
  options: Partial<ImportOptions> & { fileName: string; format: InterchangeFormat },
  principal: Principal = ADMIN,
): Promise<ImportReport> {
  const bytes = typeof content === 'string' ? Buffer.from(content, 'utf8') : content;
  // small chunks, so that multi-byte characters and rows straddle chunk boundaries as in a real stream
  const chunks = Array.from({ length: Math.ceil(bytes.length / 997) }, (_, i) => bytes.subarray(i * 997, (i + 1) * 997));
  return t.app.get(ImportService).import(systemContext('test', principal), chunks, options);
}

export function importFixture(t: TestApp, file: string, format: InterchangeFormat, principal: Principal = ADMIN) {
  return importText(t, fs.readFileSync(path.join(FIXTURES, file)), { fileName: file, format }, principal);
}

export async function exportText(
  t: TestApp,
  format: InterchangeFormat,
  scope: { domain?: string; system?: string } = {},
  principal: Principal = ADMIN,
): Promise<string> {
  const file = await t.app.get(ExportService).export(systemContext('test', principal), format, scope);
  let text = '';
  for await (const piece of file.body) text += piece;
  return text;
}

/** Row counts of the dictionary's tables and of the change log. */
export async function tableCounts(t: TestApp): Promise<Record<string, number>> {
  const sql = new Client({ connectionString: t.databaseUrl });
  await sql.connect();
  try {
    const [row] = (
      await sql.query(`SELECT (SELECT count(*) FROM domain)::int AS domains, (SELECT count(*) FROM concept)::int AS concepts,
        (SELECT count(*) FROM concept_broader)::int AS broader, (SELECT count(*) FROM concept_related)::int AS related,
        (SELECT count(*) FROM information_system)::int AS systems, (SELECT count(*) FROM mapping)::int AS mappings,
        (SELECT count(*) FROM change)::int AS changes`)
    ).rows;
    return row;
  } finally {
    await sql.end();
  }
}
