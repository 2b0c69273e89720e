import { SystemRecord } from '../../records';
import { FileReader, ParsedItem } from '../parsed-item';
import { budgeted } from '../read-budget';
import { csvLine, readCsv } from './csv-rows';
import { BOM, CSV_EXPORT_DELIMITER } from './concepts-csv';

/** As in test/fixtures/systems.csv: owner is the INSEE code of the commune or the SIREN of the Métropole. */
export const SYSTEM_CSV_COLUMNS = ['code', 'name', 'kind', 'owner', 'ownerName', 'status'] as const;

export const readSystemsCsv: FileReader = budgeted(async function* (text): AsyncGenerator<ParsedItem> {
  const table = await readCsv(text);
  const missing = SYSTEM_CSV_COLUMNS.filter((name) => !table.header.includes(name));
  const unknown = table.header.filter((name) => !(SYSTEM_CSV_COLUMNS as readonly string[]).includes(name));
  for (const name of missing) yield { kind: 'problem', problem: { line: 1, field: name, message: `Missing column "${name}"` } };
  for (const name of unknown)
    yield {
      kind: 'problem',
      problem: { line: 1, field: name, message: `Unknown column "${name}" (known: ${SYSTEM_CSV_COLUMNS.join(', ')})` },
    };
  if (missing.length || unknown.length) return;
  for await (const row of table.rows) {
    if (row.cells.length !== table.header.length) {
      yield {
        kind: 'problem',
        problem: { line: row.line, field: 'row', message: `Expected ${table.header.length} cells, found ${row.cells.length}` },
      };
      continue;
    }
    const record = Object.fromEntries(table.header.map((name, i) => [name, row.cells[i].trim()])) as unknown as SystemRecord;
    yield { kind: 'system', at: { line: row.line }, record };
  }
});

export function systemCsvHeader(): string {
  return BOM + csvLine(SYSTEM_CSV_COLUMNS, CSV_EXPORT_DELIMITER);
}

export function systemCsvRow(s: SystemRecord): string {
  return csvLine([s.code, s.name, s.kind, s.owner, s.ownerName, s.status], CSV_EXPORT_DELIMITER);
}
