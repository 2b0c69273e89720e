import { MappingRecord } from '../../records';
import { FileReader, ParsedItem } from '../parsed-item';
import { budgeted } from '../read-budget';
import { csvLine, CsvRow, readCsv, technicalHeader } from './csv-rows';
import { BOM, CSV_EXPORT_DELIMITER } from './concepts-csv';

/**
 * The columns written on export, in order. `conceptLabel` is for people
 * reading the file and ignored on import; `version` is the version exported,
 * which an import checks (a row changed since is refused rather than overwritten).
 */
export const MAPPING_CSV_COLUMNS = [
  'system',
  'localCode',
  'localLabel',
  'relation',
  'concept',
  'conceptLabel',
  'note',
  'validFrom',
  'validTo',
  'justification',
  'confidence',
  'version',
] as const;

type MappingColumn = (typeof MAPPING_CSV_COLUMNS)[number];

/** The French headers of the template (`/export/templates/mappings.csv`); the reader takes both. */
export const MAPPING_CSV_TITLES: Record<MappingColumn, string> = {
  system: 'Système',
  localCode: 'Code local',
  localLabel: 'Libellé local',
  relation: 'Relation',
  concept: 'Concept',
  conceptLabel: 'Libellé du concept',
  note: 'Note',
  validFrom: 'Valide à partir du',
  validTo: 'Valide jusqu’au',
  justification: 'Justification',
  confidence: 'Confiance',
  version: 'Version',
};

/** One mapping per row; a column left out keeps that field of existing mappings. */
export const readMappingsCsv: FileReader = budgeted(async function* (text, options): AsyncGenerator<ParsedItem> {
  const table = await readCsv(text);
  table.header = technicalHeader(table.header, MAPPING_CSV_TITLES);
  let broken = false;
  for (const [i, name] of table.header.entries()) {
    if (!(MAPPING_CSV_COLUMNS as readonly string[]).includes(name)) {
      broken = true;
      yield {
        kind: 'problem',
        problem: {
          line: 1,
          field: name || `column ${i + 1}`,
          message: `Unknown column "${name}" (known: ${MAPPING_CSV_COLUMNS.join(', ')}, or the template's French headers)`,
        },
      };
    }
  }
  // other columns may be left out: they keep the fields of existing mappings (a new one then needs its relation)
  for (const name of ['localCode', ...(options.system ? [] : ['system'])]) {
    if (!table.header.includes(name)) {
      broken = true;
      yield { kind: 'problem', problem: { line: 1, field: name, message: `Missing column "${name}"` } };
    }
  }
  if (broken) return;
  for await (const row of table.rows) yield mappingOfRow(row, table.header as MappingColumn[], options.system);
});

function mappingOfRow(row: CsvRow, header: MappingColumn[], defaultSystem?: string): ParsedItem {
  if (row.cells.length !== header.length) {
    return {
      kind: 'problem',
      problem: { line: row.line, field: 'row', message: `Expected ${header.length} cells, found ${row.cells.length}` },
    };
  }
  const record: Partial<MappingRecord> = { system: defaultSystem };
  header.forEach((name, i) => {
    // local codes are exact strings: kept as written, compared trimmed
    const cell = name === 'localCode' ? row.cells[i] : row.cells[i].trim();
    switch (name) {
      case 'system':
      case 'localCode':
      case 'relation':
      case 'justification':
        record[name] = cell;
        break;
      case 'localLabel':
      case 'concept':
      case 'conceptLabel':
      case 'note':
      case 'validFrom':
      case 'validTo':
        record[name] = cell || null;
        break;
      case 'confidence':
        record.confidence = cell === '' ? null : Number(cell.replace(',', '.'));
        break;
      case 'version':
        record.version = cell === '' ? null : /^\d{1,10}$/.test(cell) ? Number(cell) : NaN;
        break;
    }
  });
  return { kind: 'mapping', at: { line: row.line }, record };
}

export function mappingCsvHeader(): string {
  return BOM + csvLine(MAPPING_CSV_COLUMNS, CSV_EXPORT_DELIMITER);
}

export function mappingCsvRow(m: MappingRecord): string {
  return csvLine(
    [
      m.system,
      m.localCode,
      m.localLabel ?? '',
      m.relation,
      m.concept ?? '',
      m.conceptLabel ?? '',
      m.note ?? '',
      m.validFrom ?? '',
      m.validTo ?? '',
      m.justification,
      m.confidence === null ? '' : String(m.confidence),
      m.version === null || m.version === undefined ? '' : String(m.version),
    ],
    CSV_EXPORT_DELIMITER,
  );
}

/**
 * The template of a mappings file: the French headers and one example row
 * (relation: EXACT, CLOSE, BROAD, NARROW, RELATED or UNMAPPED; dates as
 * AAAA-MM-JJ, the end excluded).
 */
export function mappingCsvTemplate(): string {
  const example: Record<MappingColumn, string> = {
    system: 'SI-MER-FIN',
    localCode: 'BV-2026',
    localLabel: 'Budget vert 2026',
    relation: 'EXACT',
    concept: 'FIN-0004',
    conceptLabel: 'Budget primitif',
    note: '',
    validFrom: '2026-01-01',
    validTo: '',
    justification: 'semapv:ManualMappingCuration',
    confidence: '',
    version: '', // empty for a new mapping; an export fills it in
  };
  return (
    BOM +
    csvLine(
      MAPPING_CSV_COLUMNS.map((column) => MAPPING_CSV_TITLES[column]),
      CSV_EXPORT_DELIMITER,
    ) +
    csvLine(
      MAPPING_CSV_COLUMNS.map((column) => example[column]),
      CSV_EXPORT_DELIMITER,
    )
  );
}
