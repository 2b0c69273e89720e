import { spawn } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createInterface } from 'node:readline';
import { projectRoot } from '@lexique/core';
import { runCli } from '../support/cli';
import { MemorySampler } from './suite/api-process';

/** One run of the `lexique` command: its exit code, and its resident memory at its peak and before it ran (MB; null in a process of its own). */
export interface CommandRun {
  code: number;
  startMb: number | null;
  peakMb: number;
}

/** How the benchmark runs `lexique` with these arguments, printing its output line by line. */
export type LexiqueCommand = (args: string[], print: (line: string) => void) => Promise<CommandRun>;

const mb = (bytes: number) => bytes / 1024 / 1024;

/**
 * The built command in its own process, as a steward runs `lexique import`
 * (`npm run build` first): what is timed is the command alone, and its
 * memory is its own. The environment (DATABASE_URL, MEILI_HOST) is this
 * process's.
 */
export const builtLexique: LexiqueCommand = async (args, print) => {
  const main = path.join(projectRoot(), 'dist/apps/cli/apps/cli/src/main.js');
  if (!fs.existsSync(main)) throw new Error(`${main} is missing: run \`npm run build\` first`);
  const child = spawn(process.execPath, [path.join(projectRoot(), 'bin/lexique.js'), ...args], {
    env: process.env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const memory = new MemorySampler(child.pid!);
  const exited = new Promise<number>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code ?? 1));
  });
  for await (const line of createInterface({ input: child.stdout })) print(line);
  const code = await exited;
  memory.stop();
  return { code, startMb: null, peakMb: memory.overallPeak };
};

/**
 * The command in this process (the smoke tests, which run without a build):
 * its memory is this process's, Jest's included, and Jest's module sandbox
 * makes it slower than the built command.
 */
export const lexiqueInThisProcess: LexiqueCommand = async (args, print) => {
  global.gc?.();
  const startMb = mb(process.memoryUsage().rss);
  let peak = process.memoryUsage().rss;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50);
  try {
    const code = await runCli(args, print);
    return { code, startMb, peakMb: mb(Math.max(peak, process.memoryUsage().rss)) };
  } finally {
    clearInterval(sampler);
  }
};
