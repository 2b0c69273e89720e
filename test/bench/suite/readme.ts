import * as fs from 'node:fs';

const START = '<!-- bench:start -->';
const END = '<!-- bench:end -->';

/** Replaces the table between the README's bench markers with the latest one. */
export function updateReadme(file: string, table: string) {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(START);
  const end = text.indexOf(END);
  if (start < 0 || end < start) throw new Error(`${file} has no ${START} … ${END} section to update`);
  fs.writeFileSync(file, text.slice(0, start + START.length) + '\n' + table + '\n' + text.slice(end));
}
