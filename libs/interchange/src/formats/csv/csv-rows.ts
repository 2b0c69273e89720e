import { CsvError, parse } from 'csv-parse';
import { Readable } from 'node:stream';
import { FileSyntaxError, READ_BUDGET, ReadBudgetExceeded } from '../read-budget';

/** Values of one multi-valued cell are separated by a vertical bar: `Budget primitif | BP`. */
export const MULTI_VALUE_SEPARATOR = '|';

export function splitValues(cell: string): string[] {
  return cell
    .split(MULTI_VALUE_SEPARATOR)
    .map((value) => value.trim())
    .filter((value) => value !== '');
}

export function joinValues(values: readonly string[]): string {
  return values.join(` ${MULTI_VALUE_SEPARATOR} `);
}

/**
 * A header as people type it in a spreadsheet: case, accents, curly
 * apostrophes and runs of spaces do not matter.
 */
export function headerKey(name: string): string {
  return name
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[\u2019\u02bc]/g, "'")
    .replace(/\s+/g, ' ')
    .trim()
    .toLowerCase();
}

/**
 * The technical column names of a header that may use a format's French
 * headers (the template's, `titles`: technical name → French title). Names
 * that are neither are kept as written, for the reader to report.
 */
export function technicalHeader(header: readonly string[], titles: Readonly<Record<string, string>>): string[] {
  const byKey = new Map<string, string>();
  for (const [column, title] of Object.entries(titles)) {
    byKey.set(headerKey(column), column);
    byKey.set(headerKey(title), column);
  }
  return header.map((name) => byKey.get(headerKey(name)) ?? name);
}

export interface CsvRow {
  line: number;
  cells: string[];
}

export interface CsvTable {
  delimiter: string;
  header: string[];
  rows: AsyncIterable<CsvRow>;
}

/**
 * Reads delimited text as a stream. The delimiter is the one of `;`, `,` and
 * tab that the header line holds most of (French spreadsheets write `;`),
 * unless given. Rows carry the line they start on. A quote out of place or
 * a row longer than the budget ends the reading with its line.
 */
export async function readCsv(text: AsyncIterable<string>, fixedDelimiter?: string): Promise<CsvTable> {
  const iterator = text[Symbol.asyncIterator]();
  let head = '';
  let done = false;
  while (!head.includes('\n') && !done) {
    const next = await iterator.next();
    if (next.done) done = true;
    else head += next.value;
    if (head.length > READ_BUDGET.maxRecordLength && !head.includes('\n')) throw tooLong(1);
  }
  const firstLine = head.split('\n', 1)[0].replace(/\r$/, '');
  const delimiter = fixedDelimiter ?? detectDelimiter(firstLine);
  async function* rest(): AsyncGenerator<string> {
    if (head) yield head;
    if (done) return;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  const source = Readable.from(rest());
  const parser = parse({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: true,
    info: true,
    relax_quotes: false,
    bom: true,
    max_record_size: READ_BUDGET.maxRecordLength,
  });
  // pipe() does not pass a source's error on: a bad byte or a budget past would leave the parser waiting
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  const records = parser as AsyncIterable<{ record: string[]; info: { lines: number; records: number } }>;
  const iteratorOfRecords = records[Symbol.asyncIterator]();
  const first = await iteratorOfRecords.next().catch(asFileProblem);
  const header = first.done ? [] : first.value.record.map((name) => name.trim());
  let startLine = first.done ? 1 : first.value.info.lines + 1;
  async function* rows(): AsyncGenerator<CsvRow> {
    for (
      let next = await iteratorOfRecords.next().catch(asFileProblem);
      !next.done;
      next = await iteratorOfRecords.next().catch(asFileProblem)
    ) {
      const { record, info } = next.value;
      // a quoted cell may span lines: the row starts after the previous one ended
      yield { line: startLine, cells: record.map(importedCell) };
      startLine = info.lines + 1;
    }
  }
  return { delimiter, header, rows: rows() };
}

/** csv-parse's own errors (a quote out of place, a row too long) become the file's problem, with their line. */
function asFileProblem(error: unknown): never {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? error.lines : 1;
    if (error.code === 'CSV_MAX_RECORD_SIZE') throw tooLong(line);
    throw new FileSyntaxError({ line, field: 'file', message: `Not valid CSV: ${error.message}` });
  }
  throw error;
}

function tooLong(line: number): ReadBudgetExceeded {
  return new ReadBudgetExceeded({
    line,
    field: 'file',
    message: `A row is longer than ${READ_BUDGET.maxRecordLength.toLocaleString('en')} characters (a quote left open?)`,
  });
}

export function detectDelimiter(headerLine: string): string {
  const count = (c: string) => headerLine.split(c).length - 1;
  const candidates = [';', ',', '\t'].map((c) => ({ c, n: count(c) })).sort((a, b) => b.n - a.n);
  return candidates[0].n > 0 ? candidates[0].c : ',';
}

/**
 * A cell a spreadsheet would run as a formula: it starts with =, +, -, @, a
 * tab or a carriage return (CSV injection, CWE-1236), possibly behind
 * apostrophes already (so that protecting is undone exactly on import).
 */
const FORMULA = /^'*[=+\-@\t\r]/;
const PROTECTED_FORMULA = /^'+[=+\-@\t\r]/;

/**
 * Quotes a cell when it holds the delimiter, a quote or a line break, and
 * puts an apostrophe before one that would run as a formula
 * (`=HYPERLINK(…)` is then shown as text by Excel and LibreOffice).
 */
export function csvCell(value: string, delimiter: string): string {
  const safe = FORMULA.test(value) ? `'${value}` : value;
  return safe.includes(delimiter) || /["\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A cell as read back: the apostrophe an export put before a formula-looking value is dropped. */
export function importedCell(cell: string): string {
  return PROTECTED_FORMULA.test(cell) ? cell.slice(1) : cell;
}

export function csvLine(cells: readonly string[], delimiter: string): string {
  return cells.map((cell) => csvCell(cell, delimiter)).join(delimiter) + '\r\n';
}
