import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { projectRoot } from '@lexique/core';
import { writeConceptFiles } from '../import-bench';
import { LoadFigures, runWhile } from './load';
import { Workload } from './workload';

/** Lookups measured idle and during the import. */
const READS = ['concept by code', 'translate'];

export interface ReadDuringImport {
  name: string;
  clients: number;
  idle: LoadFigures;
  duringImport: LoadFigures;
}

export interface ImportWhileReadingReport {
  rows: number;
  importSeconds: number;
  reads: ReadDuringImport[];
}

/** Runs `lexique import <file>` from the sources in a process of its own, as an operator's terminal would. */
function cliImport(databaseUrl: string, file: string): { done: Promise<void>; running: () => boolean } {
  const child = spawn(process.execPath, ['-r', path.join(projectRoot(), 'test/support/source-register.js'), 'apps/cli/src/main.ts', 'import', file], {
    cwd: projectRoot(),
    env: { PATH: process.env.PATH, HOME: process.env.HOME, DATABASE_URL: databaseUrl },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
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
 * concepts takes, against the same lookups on the idle API just before.
 */
export async function measureImportWhileReading(
  target: { databaseUrl: string },
  workloads: Workload[],
  options: { rows: number; clients: number; idleSeconds: number },
  log: (line: string) => void,
): Promise<ImportWhileReadingReport> {
  const reads = READS.map((name) => workloads.find((w) => w.name === name)!);
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-import-while-reading-'));
  try {
    const { schemes, concepts } = await writeConceptFiles(dir, options.rows);
    await cliImport(target.databaseUrl, schemes).done;

    log(`  import while reading: ${options.rows.toLocaleString('en')} concepts imported by the CLI, ${options.clients} clients per lookup…`);
    // the lookups on the idle API first: after the import, autovacuum would still be at work
    const until = Date.now() + options.idleSeconds * 1000;
    const idle = await Promise.all(reads.map((w) => runWhile(w.api, options.clients, () => Date.now() < until)));

    const started = process.hrtime.bigint();
    const importing = cliImport(target.databaseUrl, concepts);
    const duringImport = await Promise.all(reads.map((w) => runWhile(w.api, options.clients, importing.running)));
    await importing.done;
    const importSeconds = Number(process.hrtime.bigint() - started) / 1e9;

    const report: ImportWhileReadingReport = {
      rows: options.rows,
      importSeconds,
      reads: reads.map((w, i) => ({ name: w.name, clients: options.clients, idle: idle[i], duringImport: duringImport[i] })),
    };
    for (const r of report.reads) {
      log(
        `  ${r.name} while importing: p95 ${r.duringImport.p95.toFixed(1)} ms against ${r.idle.p95.toFixed(1)} ms idle ` +
          `(${(r.duringImport.p95 / r.idle.p95).toFixed(1)}×), ${r.duringImport.errors} errors`,
      );
    }
    return report;
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
