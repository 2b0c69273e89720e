import { CsvRow } from '../csv/csv-rows';
import { READ_BUDGET, ReadBudgetExceeded } from '../read-budget';

/**
 * Splits tab-separated text into rows, fast: SSSOM files run to millions of
 * lines. Cells are not quoted (a quoted cell keeps its quotes removed and
 * `""` unescaped, on one line); writers replace tabs and line breaks in
 * values with spaces. A line longer than the budget ends the reading.
 * Yields the rows each piece of text completes, together: one step of an
 * async generator per row cost more than splitting the row.
 */
export async function* tsvRows(text: AsyncIterable<string>, firstLine: number): AsyncGenerator<CsvRow[]> {
  let rest = '';
  let line = firstLine;
  for await (const chunk of text) {
    // only the new text can hold the end of the pending line
    let end = chunk.indexOf('\n');
    if (end !== -1) end += rest.length;
    rest += chunk;
    let start = 0;
    const rows: CsvRow[] = [];
    for (; end !== -1; end = rest.indexOf('\n', start)) {
      const row = rest.slice(start, rest.charCodeAt(end - 1) === 13 ? end - 1 : end);
      if (row !== '') rows.push({ line, cells: row.split('\t').map(unquote) });
      line++;
      start = end + 1;
    }
    rest = rest.slice(start);
    if (rows.length) yield rows;
    if (rest.length > READ_BUDGET.maxRecordLength) {
      throw new ReadBudgetExceeded({
        line,
        field: 'file',
        message: `Line ${line} is longer than ${READ_BUDGET.maxRecordLength.toLocaleString('en')} characters`,
      });
    }
  }
  if (rest.replace(/\r$/, '') !== '') yield [{ line, cells: rest.replace(/\r$/, '').split('\t').map(unquote) }];
}

function unquote(cell: string): string {
  return cell.length >= 2 && cell.startsWith('"') && cell.endsWith('"') ? cell.slice(1, -1).replace(/""/g, '"') : cell;
}

/** A TSV cell: tabs and line breaks become spaces. */
export function tsvCell(value: string): string {
  return value.replace(/[\t\r\n]+/g, ' ');
}
