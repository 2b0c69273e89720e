import { badInput } from '@lexique/core';

/** The file formats Lexique reads and writes. The values are what `--format` and the GraphQL enum take. */
export enum InterchangeFormat {
  SKOS_TURTLE = 'SKOS_TURTLE',
  SKOS_JSONLD = 'SKOS_JSONLD',
  CONCEPTS_CSV = 'CONCEPTS_CSV',
  SSSOM_TSV = 'SSSOM_TSV',
  MAPPINGS_CSV = 'MAPPINGS_CSV',
  SYSTEMS_CSV = 'SYSTEMS_CSV',
}

export type FormatContent = 'concepts' | 'mappings' | 'systems';

interface FormatInfo {
  content: FormatContent;
  extension: string;
  contentType: string;
  /** Names accepted by `--format`, besides the enum value. */
  aliases: string[];
}

export const FORMATS: Record<InterchangeFormat, FormatInfo> = {
  [InterchangeFormat.SKOS_TURTLE]: {
    content: 'concepts',
    extension: '.ttl',
    contentType: 'text/turtle; charset=utf-8',
    aliases: ['ttl', 'turtle', 'skos'],
  },
  [InterchangeFormat.SKOS_JSONLD]: {
    content: 'concepts',
    extension: '.jsonld',
    contentType: 'application/ld+json; charset=utf-8',
    aliases: ['jsonld', 'json-ld'],
  },
  [InterchangeFormat.CONCEPTS_CSV]: {
    content: 'concepts',
    extension: '.csv',
    contentType: 'text/csv; charset=utf-8',
    aliases: ['csv', 'concepts-csv'],
  },
  [InterchangeFormat.SSSOM_TSV]: {
    content: 'mappings',
    extension: '.sssom.tsv',
    contentType: 'text/tab-separated-values; charset=utf-8',
    aliases: ['sssom', 'tsv', 'sssom-tsv'],
  },
  [InterchangeFormat.MAPPINGS_CSV]: {
    content: 'mappings',
    extension: '.csv',
    contentType: 'text/csv; charset=utf-8',
    aliases: ['mappings-csv'],
  },
  [InterchangeFormat.SYSTEMS_CSV]: {
    content: 'systems',
    extension: '.csv',
    contentType: 'text/csv; charset=utf-8',
    aliases: ['systems-csv'],
  },
};

/**
 * The format named (`--format`), else guessed from the file name:
 * `.ttl`, `.jsonld`, `.sssom.tsv`/`.tsv`; a `.csv` holds mappings when its
 * name says so (`…mappings….csv`), systems likewise, concepts otherwise.
 */
export function resolveFormat(fileName: string, named?: string | null): InterchangeFormat {
  if (named) {
    const wanted = named.trim().toLowerCase();
    for (const [format, info] of Object.entries(FORMATS) as [InterchangeFormat, FormatInfo][]) {
      if (format.toLowerCase() === wanted || info.aliases.includes(wanted)) return format;
    }
    throw badInput(
      'format',
      `Unknown format "${named}" (known: ${Object.values(FORMATS)
        .map((f) => f.aliases[0])
        .join(', ')}, mappings-csv, systems-csv)`,
    );
  }
  const name = fileName.toLowerCase();
  if (name.endsWith('.ttl')) return InterchangeFormat.SKOS_TURTLE;
  if (name.endsWith('.jsonld') || name.endsWith('.json')) return InterchangeFormat.SKOS_JSONLD;
  if (name.endsWith('.tsv')) return InterchangeFormat.SSSOM_TSV;
  if (name.endsWith('.csv')) {
    const base = name.split(/[\\/]/).pop()!;
    if (base.includes('mapping')) return InterchangeFormat.MAPPINGS_CSV;
    if (base.includes('system')) return InterchangeFormat.SYSTEMS_CSV;
    return InterchangeFormat.CONCEPTS_CSV;
  }
  throw badInput(
    'format',
    `Cannot tell the format of "${fileName}" from its extension: name it (ttl, jsonld, csv, sssom, mappings-csv, systems-csv)`,
  );
}
