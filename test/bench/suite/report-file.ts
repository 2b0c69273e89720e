import * as fs from 'node:fs';
import * as path from 'node:path';

/**
 * The dated report of a run, `docs/bench/YYYY-MM-DD.md`: the table with the
 * command that produced it. The README never holds figures (they change with
 * every run); docs/performance.md points to the latest report. A second run
 * on the same day gets its own file (`YYYY-MM-DD-2.md`), never overwriting one
 * a person may have annotated.
 */
export function writeDatedReport(directory: string, date: string, command: string, table: string): string {
  fs.mkdirSync(directory, { recursive: true });
  const day = date.slice(0, 10);
  let file = path.join(directory, `${day}.md`);
  for (let n = 2; fs.existsSync(file); n++) file = path.join(directory, `${day}-${n}.md`);
  const text = [`# Benchmark of ${day}`, '', `Command: \`${command}\``, '', table, ''].join('\n');
  fs.writeFileSync(file, text);
  return file;
}
