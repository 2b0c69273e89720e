import { MappingRecord } from '../../records';
import { FileReader, ParsedItem } from '../parsed-item';
import { budgeted, READ_BUDGET, ReadBudgetExceeded } from '../read-budget';
import { tsvCell, tsvRows } from './tsv-rows';
import { CONCEPT_IRI, codeOf, LICENSE_IRI, localCodeIri, localCodeOf, SEMAPV, SKOS, SSSOM, SYSTEM_IRI } from '../vocabulary-iris';

/** SKOS match predicates by relation; UNMAPPED is exactMatch to sssom:NoTermFound, as SSSOM says. */
const PREDICATES: Record<string, string> = {
  EXACT: 'skos:exactMatch',
  CLOSE: 'skos:closeMatch',
  BROAD: 'skos:broadMatch',
  NARROW: 'skos:narrowMatch',
  RELATED: 'skos:relatedMatch',
  UNMAPPED: 'skos:exactMatch',
};
const RELATIONS = new Map(
  Object.entries(PREDICATES)
    .filter(([r]) => r !== 'UNMAPPED')
    .map(([relation, predicate]) => [predicate, relation]),
);
const NO_TERM_FOUND = 'sssom:NoTermFound';

/**
 * Written after the note when the concept is deprecated, for people reading
 * the file (as in test/fixtures); derived, so dropped again on import.
 */
const deprecationNotice = (successor: string) => `concept obsolète, remplacé par ${successor}`;
const DEPRECATION_NOTICE = /(^| ; )concept obsolète, remplacé par [A-Z0-9-]+$/;

export const SSSOM_COLUMNS = [
  'subject_id',
  'subject_label',
  'predicate_id',
  'object_id',
  'object_label',
  'mapping_justification',
  'confidence',
  'subject_source',
  'comment',
] as const;
const KNOWN_COLUMNS = new Set<string>([
  ...SSSOM_COLUMNS,
  'author_id',
  'reviewer_id',
  'mapping_date',
  'subject_type',
  'object_type',
  'object_source',
]);

const FIXED_PREFIXES: Record<string, string> = {
  bmc: CONCEPT_IRI,
  bmsys: SYSTEM_IRI,
  semapv: SEMAPV,
  skos: SKOS,
  sssom: SSSOM,
};

/** The CURIE prefix of a system's local codes: `SI-BDX-GRH` → `bdxgrh`. */
export function systemPrefix(system: string): string {
  return (
    system
      .replace(/^SI-/i, '')
      .replace(/[^A-Za-z0-9]/g, '')
      .toLowerCase() || 'sys'
  );
}

interface Metadata {
  curieMap: Map<string, string>;
  lines: number;
}

/**
 * Reads the `#` metadata block (the YAML subset SSSOM writers produce:
 * top-level `key: value` and the `curie_map` entries) and leaves the table.
 */
async function readMetadata(text: AsyncIterable<string>): Promise<{ metadata: Metadata; table: AsyncIterable<string> }> {
  const iterator = text[Symbol.asyncIterator]();
  let buffer = '';
  let lines = 0;
  const curieMap = new Map(Object.entries(FIXED_PREFIXES));
  let inCurieMap = false;
  for (;;) {
    const newline = buffer.indexOf('\n');
    if (newline === -1) {
      if (buffer.length > READ_BUDGET.maxRecordLength) {
        throw new ReadBudgetExceeded({
          line: lines + 1,
          field: 'file',
          message: `Line ${lines + 1} is longer than ${READ_BUDGET.maxRecordLength.toLocaleString('en')} characters`,
        });
      }
      const next = await iterator.next();
      if (next.done) break;
      buffer += next.value;
      continue;
    }
    const line = buffer.slice(0, newline).replace(/\r$/, '');
    if (!line.startsWith('#')) break;
    buffer = buffer.slice(newline + 1);
    lines++;
    const yaml = line.slice(1);
    const entry = /^(\s*)([A-Za-z0-9_.-]+):\s*(.*)$/.exec(yaml);
    if (!entry) continue;
    const [, indent, key, value] = entry;
    if (!indent.trim() && indent.length <= 1 && key === 'curie_map' && !value) inCurieMap = true;
    else if (indent.length > 1 && inCurieMap) curieMap.set(key, value.replace(/^["']|["']$/g, ''));
    else inCurieMap = false;
  }
  async function* table(): AsyncGenerator<string> {
    if (buffer) yield buffer;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield next.value;
  }
  return { metadata: { curieMap, lines }, table: table() };
}

function expand(curie: string, curieMap: Map<string, string>): string | null {
  if (/^https?:\/\//.test(curie)) return curie;
  const colon = curie.indexOf(':');
  if (colon <= 0) return null;
  const base = curieMap.get(curie.slice(0, colon));
  return base === undefined ? null : base + curie.slice(colon + 1);
}

export const readSssomTsv: FileReader = budgeted(async function* (text, options): AsyncGenerator<ParsedItem> {
  const { metadata, table: rest } = await readMetadata(text);
  const pieces = tsvRows(rest, metadata.lines + 1)[Symbol.asyncIterator]();
  const first = await pieces.next();
  const table = {
    header: first.done ? [] : first.value[0].cells.map((name) => name.trim()),
    // the rows after the header: the rest of the first piece, then the pieces that follow
    rows: (async function* () {
      if (first.done) return;
      yield first.value.slice(1);
      for (let next = await pieces.next(); !next.done; next = await pieces.next()) yield next.value;
    })(),
  };
  let broken = false;
  for (const name of ['subject_id', 'predicate_id', 'object_id']) {
    if (!table.header.includes(name)) {
      broken = true;
      yield { kind: 'problem', problem: { line: metadata.lines + 1, field: name, message: `Missing column "${name}"` } };
    }
  }
  for (const name of table.header) {
    if (!KNOWN_COLUMNS.has(name)) {
      broken = true;
      yield {
        kind: 'problem',
        problem: { line: metadata.lines + 1, field: name, message: `Unknown column "${name}" (known: ${[...KNOWN_COLUMNS].join(', ')})` },
      };
    }
  }
  if (broken) return;
  const index = new Map(table.header.map((name, i) => [name, i]));
  for await (const rows of table.rows)
    for (const row of rows) {
      const line = row.line;
      if (row.cells.length !== table.header.length) {
        yield {
          kind: 'problem',
          problem: { line, field: 'row', message: `Expected ${table.header.length} cells, found ${row.cells.length}` },
        };
        continue;
      }
      const cell = (name: string) => {
        const i = index.get(name);
        return i === undefined ? undefined : row.cells[i].trim();
      };
      const problem = (field: string, message: string): ParsedItem => ({ kind: 'problem', problem: { line, field, message } });

      const subjectIri = expand(cell('subject_id')!, metadata.curieMap);
      const subject = subjectIri ? localCodeOf(subjectIri) : null;
      if (!subject) {
        yield problem(
          'subject_id',
          `"${cell('subject_id')}" is not a local code of a system (its prefix must map to ${SYSTEM_IRI}<system>/code/ in curie_map)`,
        );
        continue;
      }
      const source = cell('subject_source');
      const sourceSystem = source ? codeOf(expand(source, metadata.curieMap) ?? '', SYSTEM_IRI) : null;
      if (source && sourceSystem !== subject.system) {
        yield problem('subject_source', `"${source}" does not name the system of the subject (${subject.system})`);
        continue;
      }
      const predicate = cell('predicate_id')!;
      const object = cell('object_id')!;
      let relation: string | undefined;
      let concept: string | null = null;
      if (object === NO_TERM_FOUND || expand(object, metadata.curieMap) === SSSOM + 'NoTermFound') {
        relation = 'UNMAPPED';
      } else {
        relation = RELATIONS.get(predicate) ?? RELATIONS.get(`skos:${(expand(predicate, metadata.curieMap) ?? '').replace(SKOS, '')}`);
        concept = codeOf(expand(object, metadata.curieMap) ?? '', CONCEPT_IRI);
        if (!concept) {
          yield problem('object_id', `"${object}" is not a concept of the vocabulary (expected bmc:<code>) nor sssom:NoTermFound`);
          continue;
        }
      }
      if (!relation) {
        yield problem('predicate_id', `"${predicate}" is not a SKOS mapping predicate (${[...RELATIONS.keys()].join(', ')})`);
        continue;
      }
      const record: Partial<MappingRecord> = { system: subject.system ?? options.system, localCode: subject.localCode, relation, concept };
      const label = cell('subject_label');
      if (label !== undefined) record.localLabel = label || null;
      const comment = cell('comment');
      if (comment !== undefined) record.note = comment.replace(DEPRECATION_NOTICE, '') || null;
      const justification = cell('mapping_justification');
      if (justification !== undefined) record.justification = justification;
      const confidence = cell('confidence');
      if (confidence !== undefined) record.confidence = confidence === '' ? null : Number(confidence);
      yield { kind: 'mapping', at: { line }, record };
    }
});

/** The metadata block and the header, for the systems whose mappings follow. */
export function sssomHeader(systems: readonly string[], title: string): string {
  const prefixes = new Map<string, string>(Object.entries(FIXED_PREFIXES));
  for (const system of systems) prefixes.set(uniquePrefix(systemPrefix(system), prefixes), `${SYSTEM_IRI}${system}/code/`);
  const curies = [...prefixes.entries()].sort(([a], [b]) => a.localeCompare(b));
  return (
    [
      '# curie_map:',
      ...curies.map(([prefix, iri]) => `#   ${prefix}: "${iri}"`),
      `# license: "${LICENSE_IRI}"`,
      `# mapping_set_id: "${SYSTEM_IRI}${systems.length === 1 ? systems[0] : 'all'}/mappings.sssom.tsv"`,
      `# mapping_set_title: ${JSON.stringify(title)}`,
      SSSOM_COLUMNS.join('\t'),
    ].join('\n') + '\n'
  );
}

function uniquePrefix(prefix: string, taken: Map<string, string>): string {
  let candidate = prefix;
  for (let n = 2; taken.has(candidate); n++) candidate = `${prefix}${n}`;
  return candidate;
}

/** One row; `prefixOf` gives the CURIE prefix the header declared for the system. */
export function sssomRow(m: MappingRecord, prefixOf: (system: string) => string): string {
  const subject = localCodeIri(m.system, m.localCode).slice(`${SYSTEM_IRI}${m.system}/code/`.length);
  return (
    [
      `${prefixOf(m.system)}:${subject}`,
      m.localLabel ?? '',
      PREDICATES[m.relation],
      m.concept ? `bmc:${m.concept}` : NO_TERM_FOUND,
      m.conceptLabel ?? '',
      m.justification,
      m.confidence === null ? '' : String(m.confidence),
      `bmsys:${m.system}`,
      [m.note, m.conceptReplacedBy ? deprecationNotice(m.conceptReplacedBy) : null].filter(Boolean).join(' ; '),
    ]
      .map(tsvCell)
      .join('\t') + '\n'
  );
}

/** The prefixes the header gives, in the same way, for writing rows. */
export function sssomPrefixes(systems: readonly string[]): (system: string) => string {
  const prefixes = new Map<string, string>(Object.entries(FIXED_PREFIXES));
  const bySystem = new Map<string, string>();
  for (const system of systems) {
    const prefix = uniquePrefix(systemPrefix(system), prefixes);
    prefixes.set(prefix, system);
    bySystem.set(system, prefix);
  }
  return (system) => bySystem.get(system)!;
}
