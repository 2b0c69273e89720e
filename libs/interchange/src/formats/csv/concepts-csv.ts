import { isLanguage, Language, LANGUAGES } from '@lexique/core';
import { ConceptRecord } from '../../records';
import { FileReader, ParsedItem } from '../parsed-item';
import { budgeted } from '../read-budget';
import { csvLine, CsvRow, joinValues, readCsv, splitValues, technicalHeader } from './csv-rows';

/** Localized fields: one column per language, `prefLabel@fr`, `prefLabel@en`. */
const LOCALIZED = ['prefLabel', 'altLabels', 'definition', 'scopeNote'] as const;
/** Multi-valued fields: values separated by `|`. */
const LISTS = ['acronyms', 'hiddenLabels', 'broader', 'related'] as const;
const SINGLE = ['code', 'domain', 'status', 'source', 'replacedBy', 'version'] as const;

/** The columns written on export, in order. */
export const CONCEPT_CSV_COLUMNS = [
  'code',
  'domain',
  'status',
  ...LANGUAGES.map((lang) => `prefLabel@${lang}`),
  ...LANGUAGES.map((lang) => `altLabels@${lang}`),
  'acronyms',
  'hiddenLabels',
  ...LANGUAGES.map((lang) => `definition@${lang}`),
  ...LANGUAGES.map((lang) => `scopeNote@${lang}`),
  'source',
  'broader',
  'related',
  'replacedBy',
  'version',
];

const LANGUAGE_NAMES: Record<Language, string> = { fr: 'français', en: 'anglais' };
const byLanguage = (field: string, title: string) =>
  Object.fromEntries(LANGUAGES.map((lang) => [`${field}@${lang}`, `${title} (${LANGUAGE_NAMES[lang]})`]));

/**
 * The French headers of the template (`/export/templates/concepts.csv`), as
 * the workspace's form names the fields; the reader takes them as well as the
 * technical names, in any case and with or without accents.
 */
export const CONCEPT_CSV_TITLES: Record<string, string> = {
  code: 'Code',
  domain: 'Domaine',
  status: 'Statut',
  ...byLanguage('prefLabel', 'Libellé préféré'),
  ...byLanguage('altLabels', 'Synonymes'),
  acronyms: 'Sigles',
  hiddenLabels: 'Libellés cachés',
  ...byLanguage('definition', 'Définition'),
  ...byLanguage('scopeNote', 'Note d’application'),
  source: 'Source',
  broader: 'Termes génériques',
  related: 'Voir aussi',
  replacedBy: 'Remplacé par',
  version: 'Version',
};

/** Exports use `;` (what French spreadsheets expect) and a byte order mark so that Excel reads UTF-8. */
export const CSV_EXPORT_DELIMITER = ';';
export const BOM = '\uFEFF';

type Column = { field: (typeof SINGLE)[number] | (typeof LISTS)[number] } | { field: (typeof LOCALIZED)[number]; lang: string };

function columnOf(name: string): Column | null {
  const [field, lang] = name.split('@');
  if (lang !== undefined)
    return (LOCALIZED as readonly string[]).includes(field) && isLanguage(lang)
      ? { field: field as (typeof LOCALIZED)[number], lang }
      : null;
  return (SINGLE as readonly string[]).includes(field) || (LISTS as readonly string[]).includes(field)
    ? { field: field as (typeof SINGLE)[number] }
    : null;
}

/**
 * One concept per row. A column left out keeps that field of existing
 * concepts; a present column replaces it (an empty cell clears it). Each
 * language is its own column: a file with `prefLabel@fr` and no
 * `prefLabel@en` keeps English preferred labels. New concepts need
 * `prefLabel@fr`; a file of acronyms only (`code;domain;acronyms`) is fine.
 * A `version` column, as exports write it, makes the import refuse rows
 * changed in the dictionary since the file was exported.
 */
export const readConceptsCsv: FileReader = budgeted(async function* (text, options): AsyncGenerator<ParsedItem> {
  const table = await readCsv(text);
  table.header = technicalHeader(table.header, CONCEPT_CSV_TITLES);
  const columns: (Column | null)[] = table.header.map(columnOf);
  let broken = false;
  for (const [i, name] of table.header.entries()) {
    if (!columns[i]) {
      broken = true;
      yield {
        kind: 'problem',
        problem: {
          line: 1,
          field: name || `column ${i + 1}`,
          message: `Unknown column "${name}" (known: ${CONCEPT_CSV_COLUMNS.join(', ')}, or the template's French headers; multi-valued cells use "|")`,
        },
      };
    }
  }
  const required = ['code', ...(options.domain ? [] : ['domain'])];
  for (const name of required) {
    if (!table.header.includes(name)) {
      broken = true;
      yield { kind: 'problem', problem: { line: 1, field: name, message: `Missing column "${name}"` } };
    }
  }
  if (broken) return;
  for await (const row of table.rows) yield conceptOfRow(row, table.header, columns as Column[], options.domain);
});

function conceptOfRow(row: CsvRow, header: string[], columns: Column[], defaultDomain?: string): ParsedItem {
  if (row.cells.length !== header.length) {
    return {
      kind: 'problem',
      problem: { line: row.line, field: 'row', message: `Expected ${header.length} cells, found ${row.cells.length}` },
    };
  }
  const record: Partial<ConceptRecord> & { code: string } = { code: '', domain: defaultDomain };
  // an empty cell is null: it clears that language, where an absent column keeps it
  const localized: Record<string, Record<string, string | null>> = {};
  columns.forEach((column, i) => {
    const cell = row.cells[i].trim();
    if ('lang' in column) {
      localized[column.field] ??= {};
      localized[column.field][column.lang] = cell || null;
      return;
    }
    switch (column.field) {
      case 'acronyms':
      case 'hiddenLabels':
      case 'broader':
      case 'related':
        record[column.field] = splitValues(cell);
        break;
      case 'source':
      case 'replacedBy':
        record[column.field] = cell || null;
        break;
      case 'code':
      case 'domain':
      case 'status':
        record[column.field] = cell;
        break;
      case 'version':
        record.version = cell === '' ? null : Number(cell);
        break;
    }
  });
  for (const [field, values] of Object.entries(localized)) {
    if (field === 'altLabels') {
      record.altLabels = Object.fromEntries(Object.entries(values).map(([lang, cell]) => [lang, cell === null ? null : splitValues(cell)]));
    } else {
      record[field as 'prefLabel' | 'definition' | 'scopeNote'] = values;
    }
  }
  return { kind: 'concept', at: { line: row.line }, record };
}

export function conceptCsvHeader(): string {
  return BOM + csvLine(CONCEPT_CSV_COLUMNS, CSV_EXPORT_DELIMITER);
}

export function conceptCsvRow(concept: ConceptRecord): string {
  return csvLine(
    [
      concept.code,
      concept.domain,
      concept.status,
      ...LANGUAGES.map((lang) => concept.prefLabel[lang] ?? ''),
      ...LANGUAGES.map((lang) => joinValues(concept.altLabels[lang] ?? [])),
      joinValues(concept.acronyms),
      joinValues(concept.hiddenLabels),
      ...LANGUAGES.map((lang) => concept.definition[lang] ?? ''),
      ...LANGUAGES.map((lang) => concept.scopeNote[lang] ?? ''),
      concept.source ?? '',
      joinValues(concept.broader),
      joinValues(concept.related),
      concept.replacedBy ?? '',
      concept.version === undefined || concept.version === null ? '' : String(concept.version),
    ],
    CSV_EXPORT_DELIMITER,
  );
}

/**
 * The template a steward fills in a spreadsheet: the French headers, and one
 * example row of a new concept (status left empty: a draft).
 */
export function conceptCsvTemplate(): string {
  const example: Record<string, string> = {
    code: 'FIN-0900',
    domain: 'FIN',
    'prefLabel@fr': 'Budget vert intercommunal',
    'prefLabel@en': 'Intermunicipal green budget',
    'altLabels@fr': 'Budget climat | Budget environnemental',
    acronyms: 'BV',
    'definition@fr': 'Présentation des dépenses du budget selon leur effet sur l’environnement.',
    source: 'Article 191 de la loi de finances pour 2020',
    broader: 'FIN-0003',
  };
  return (
    BOM +
    csvLine(
      CONCEPT_CSV_COLUMNS.map((column) => CONCEPT_CSV_TITLES[column]),
      CSV_EXPORT_DELIMITER,
    ) +
    csvLine(
      CONCEPT_CSV_COLUMNS.map((column) => example[column] ?? ''),
      CSV_EXPORT_DELIMITER,
    )
  );
}
