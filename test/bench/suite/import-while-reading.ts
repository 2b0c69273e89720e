import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot, Role } from '@lexique/core';
import { bearer } from '../../support/auth';
import { conceptRows, writeConceptFiles } from '../import-bench';
import { BenchHttpClient } from './http-client';
import { LoadFigures, runWhile } from './load';
import { Workload } from './workload';

/** Lookups measured idle and during the import. */
const READS = ['concept by code', 'translate'];

/** The errors of a lookup over its three phases. */
export function readErrors(read: ReadDuringImport): number {
  return read.idle.errors + read.duringImport.errors + read.duringUpload.errors;
}

/** The first error a lookup recorded, in the order of its phases. */
export function firstReadError(read: ReadDuringImport): string | undefined {
  return read.idle.firstError ?? read.duringImport.firstError ?? read.duringUpload.firstError;
}

/** The largest upload the API takes is 4 MB. */
export const LARGEST_UPLOAD_BYTES = 3.9 * 1024 * 1024;

export interface ReadDuringImport {
  name: string;
  clients: number;
  idle: LoadFigures;
  /** While the CLI imports. */
  duringImport: LoadFigures;
  /** While the API itself reads, checks and applies an upload of 4 MB. */
  duringUpload: LoadFigures;
}

export interface ImportWhileReadingReport {
  rows: number;
  importSeconds: number;
  uploadRows: number;
  uploadSeconds: number;
  reads: ReadDuringImport[];
}

/** As many generated concept rows as fit in `size` bytes, numbered after the CLI's. */
function uploadFile(first: number, size: number): { content: string; rows: number } {
  let bytes = 0;
  let rows = -1;
  for (const line of conceptRows(1_000_000, first)) {
    bytes += Buffer.byteLength(line);
    if (bytes > size) break;
    rows++;
  }
  // generated again for that count, so that no row refers past the last one
  return { content: [...conceptRows(rows, first)].join(''), rows };
}

/** `importFile` of that content as an admin, through the API. */
async function upload(apiUrl: string, content: string): Promise<void> {
  const client = new BenchHttpClient(apiUrl, 1);
  try {
    const admin = await bearer({ name: 'bench-admin', roles: [Role.ADMIN] });
    const response = await client.postJson(
      '/graphql',
      {
        query: `mutation($input: ImportFileInput!) { importFile(input: $input) { applied problemCount problems { line field message } } }`,
        variables: { input: { fileName: 'bench-upload.csv', content } },
      },
      admin,
    );
    const body = response.body as { data?: { importFile: { applied: boolean; problems: unknown[] } }; errors?: unknown[] };
    if (!body.data?.importFile.applied)
      throw new Error(`the upload was not applied: ${JSON.stringify(body.errors ?? body.data).slice(0, 500)}`);
  } finally {
    client.close();
  }
}

/** Runs `lexique import <file>` from the sources in a process of its own, as an operator's terminal would. */
function cliImport(databaseUrl: string, file: string): { done: Promise<void>; running: () => boolean } {
  const child = spawn(
    process.execPath,
    ['-r', path.join(projectRoot(), 'test/support/source-register.js'), 'apps/cli/src/main.ts', 'import', file],
    {
      cwd: projectRoot(),
      env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  let running = true;
  const done = new Promise<void>((resolve, reject) =>
    child.once('exit', (code) => {
      running = false;
      if (code === 0) resolve();
      else reject(new Error(`lexique import ${path.basename(file)} exited with ${code}:\n${output}`));
    }),
  );
  return { done, running: () => running };
}

/**
 * Readers first: the lookups agents and integrations make (a concept by
 * code, a translation), measured for as long as a large CLI import of
 * concepts takes, then for as long as the API imports an upload of 4 MB,
 * against the same lookups on the idle API just before.
 */
export async function measureImportWhileReading(
  target: { url: string; databaseUrl: string },
  workloads: Workload[],
  options: { rows: number; clients: number; idleSeconds: number; uploadBytes: number },
  log: (line: string) => void,
): Promise<ImportWhileReadingReport> {
  const reads = READS.map((name) => workloads.find((w) => w.name === name)!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-import-while-reading-'));
  try {
    const { schemes, concepts } = await writeConceptFiles(dir, options.rows);
    await cliImport(target.databaseUrl, schemes).done;

    log(
      `  import while reading: ${options.rows.toLocaleString('en')} concepts imported by the CLI, ${options.clients} clients per lookup…`,
    );
    // the lookups on the idle API first: after the import, autovacuum would still be at work
    const until = Date.now() + options.idleSeconds * 1000;
    const idle = await Promise.all(reads.map((w) => runWhile(w.api, options.clients, () => Date.now() < until)));

    const started = process.hrtime.bigint();
    const importing = cliImport(target.databaseUrl, concepts);
    const duringImport = await Promise.all(reads.map((w) => runWhile(w.api, options.clients, importing.running)));
    await importing.done;
    const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    // the same with the largest upload, which the API reads and applies itself
    const file = uploadFile(Math.ceil(options.rows / 100) * 100, options.uploadBytes);
    let uploading = true;
    const uploadStarted = process.hrtime.bigint();
    const uploaded = upload(target.url, file.content).finally(() => (uploading = false));
    const duringUpload = await Promise.all(reads.map((w) => runWhile(w.api, options.clients, () => uploading)));
    await uploaded;
    const uploadSeconds = Number(process.hrtime.bigint() - uploadStarted) / 1e9;

    const report: ImportWhileReadingReport = {
      rows: options.rows,
      importSeconds,
      uploadRows: file.rows,
      uploadSeconds,
      reads: reads.map((w, i) => ({
        name: w.name,
        clients: options.clients,
        idle: idle[i],
        duringImport: duringImport[i],
        duringUpload: duringUpload[i],
      })),
    };
    for (const r of report.reads) {
      log(
        `  ${r.name}: p95 ${r.idle.p95.toFixed(1)} ms idle, ${r.duringImport.p95.toFixed(1)} ms while the CLI imports ` +
          `(${(r.duringImport.p95 / r.idle.p95).toFixed(1)}×), ${r.duringUpload.p95.toFixed(1)} ms while an upload is imported ` +
          `(${(r.duringUpload.p95 / r.idle.p95).toFixed(1)}×); ${readErrors(r)} errors` +
          (firstReadError(r) ? `; first error: ${firstReadError(r)}` : ''),
      );
    }
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
