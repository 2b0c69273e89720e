import * as fs from 'node:fs';
import * as path from 'node:path';

export const ROOT = path.join(__dirname, '..', '..');

/** The README and the guides, as the tests read them. */
export const GUIDES = ['agents.md', 'referents.md', 'integration.md', 'operations.md', 'architecture.md', 'performance.md'].map(
  (name) => `docs/${name}`,
);
export const DOCUMENTS = ['README.md', ...GUIDES, ...fs.readdirSync(path.join(ROOT, 'docs', 'bench')).map((name) => `docs/bench/${name}`)];

export const read = (file: string) => fs.readFileSync(path.join(ROOT, file), 'utf8');

export interface CodeBlock {
  file: string;
  /** 1-based line of the opening fence. */
  line: number;
  lang: string;
  code: string;
  /** The HTML comment just before the fence (`<!-- run-as: claire STEWARD FIN -->` gives `run-as: claire STEWARD FIN`). */
  note?: string;
}

/** The fenced code blocks of a Markdown file, indented ones (in list items) included. */
export function codeBlocks(file: string): CodeBlock[] {
  const lines = read(file).split('\n');
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^(\s*)```(\S*)\s*$/.exec(lines[i]);
    if (!open) continue;
    const indent = open[1].length;
    const body: string[] = [];
    let j = i + 1;
    for (; j < lines.length && !/^\s*```\s*$/.test(lines[j]); j++)
      body.push(lines[j].slice(Math.min(indent, /^\s*/.exec(lines[j])![0].length)));
    let k = i - 1;
    while (k >= 0 && lines[k].trim() === '') k--;
    const note = k >= 0 ? /^\s*<!--\s*(.*?)\s*-->\s*$/.exec(lines[k])?.[1] : undefined;
    blocks.push({ file, line: i + 1, lang: open[2], code: body.join('\n'), note });
    i = j;
  }
  return blocks;
}

/** Markdown without its fenced blocks and inline code, where links are looked for. */
function prose(text: string): string {
  return text.replace(/^\s*```[\s\S]*?^\s*```\s*$/gm, '').replace(/`[^`\n]*`/g, '');
}

export interface Link {
  file: string;
  target: string;
  image: boolean;
}

/** Relative links and images (`[a](b)`, `![a](b)`, `<img src>`); web addresses left out. */
export function links(file: string): Link[] {
  const text = prose(read(file));
  const found: Link[] = [];
  for (const match of text.matchAll(/(!?)\[[^\]]*\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g))
    found.push({ file, target: match[2], image: match[1] === '!' });
  for (const match of text.matchAll(/<img[^>]*\ssrc="([^"]+)"/g)) found.push({ file, target: match[1], image: true });
  return found.filter((link) => !/^[a-z]+:/i.test(link.target));
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters of every script kept), spaces as dashes. */
export function slug(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

export function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  for (const match of prose(read(file)).matchAll(/^#{1,6}\s+(.+)$/gm)) {
    const base = slug(match[1]);
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    result.add(n ? `${base}-${n}` : base);
  }
  return result;
}

/** The rows of the Markdown table between `<!-- name:start -->` and `<!-- name:end -->`, cells trimmed, header left out. */
export function markedTable(file: string, name: string): string[][] {
  const text = read(file);
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  if (start < 0 || end < start) throw new Error(`${file} has no ${name}:start … ${name}:end table`);
  const rows = text
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('|'))
    .map((line) =>
      line
        .slice(1, line.trimEnd().length - 1)
        .split(/(?<!\\)\|/)
        .map((cell) => cell.trim()),
    );
  return rows.slice(2);
}

/** The first `code` span of a cell, or undefined. */
export const firstCode = (cell: string) => /`([^`]*)`/.exec(cell)?.[1];
