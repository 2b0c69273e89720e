import type { Quad } from '@rdfjs/types';
import { JsonLdParser } from 'jsonld-streaming-parser';
import { StreamParser } from 'n3';
import { Readable, Transform } from 'node:stream';
import { ConceptRecord, DomainRecord } from '../../records';
import { FileReader, ParsedItem, ReaderOptions } from '../parsed-item';
import { budgeted, nestingWithin, READ_BUDGET, ReadBudgetExceeded } from '../read-budget';
import { BMO, codeOf, CONCEPT_IRI, DCTERMS, OWL, RDF, SCHEME_IRI, SKOS } from '../vocabulary-iris';

const TYPE = `${RDF}type`;
const CONCEPT = `${SKOS}Concept`;
const SCHEME = `${SKOS}ConceptScheme`;

type Facts = Map<string, Quad['object'][]>;

/**
 * Turns a stream of triples into domains and concepts, one subject at a
 * time: the triples about a subject must be consecutive, as every SKOS
 * writer we know (and ours) puts them. Only concepts and schemes under the
 * vocabulary's IRIs are read; other subjects (the ontology header) are skipped.
 */
async function* recordsOfTriples(quads: AsyncIterable<Quad>, options: ReaderOptions): AsyncGenerator<ParsedItem> {
  let subject: string | null = null;
  let facts: Facts = new Map();
  const seen = new Set<string>();
  for await (const quad of quads) {
    if (quad.subject.value !== subject) {
      if (subject !== null) yield* recordOf(subject, facts, options, seen);
      subject = quad.subject.value;
      facts = new Map();
    }
    const values = facts.get(quad.predicate.value);
    if (values) values.push(quad.object);
    else facts.set(quad.predicate.value, [quad.object]);
  }
  if (subject !== null) yield* recordOf(subject, facts, options, seen);
}

function* recordOf(subject: string, facts: Facts, options: ReaderOptions, seen: Set<string>): Generator<ParsedItem> {
  const types = (facts.get(TYPE) ?? []).map((t) => t.value);
  const isConcept = types.includes(CONCEPT);
  const isScheme = types.includes(SCHEME);
  if (!isConcept && !isScheme) return;
  const problems: ParsedItem[] = [];
  const problem = (field: string, message: string) => problems.push({ kind: 'problem', problem: { subject, field, message } });
  const code = codeOf(subject, isConcept ? CONCEPT_IRI : SCHEME_IRI);
  if (!code) {
    problem(
      '@id',
      `A ${isConcept ? 'concept' : 'scheme'} of this vocabulary must have an IRI under ${isConcept ? CONCEPT_IRI : SCHEME_IRI}`,
    );
    return yield* problems;
  }
  // the streaming reader keeps only this set of subjects, not their triples
  if (seen.has(subject)) {
    problem('@id', 'The statements about this subject are split across the file: keep them together');
    return yield* problems;
  }
  seen.add(subject);
  const literals = (predicate: string) =>
    (facts.get(SKOS + predicate) ?? facts.get(predicate) ?? []).filter((o) => o.termType === 'Literal');
  const byLanguage = (predicate: string, name: string) => {
    const result: Record<string, string> = {};
    for (const literal of literals(predicate)) {
      const lang = (literal as { language?: string }).language || 'fr';
      if (result[lang] !== undefined) problem(name, `More than one value in language "${lang}"`);
      else result[lang] = literal.value;
    }
    return result;
  };
  const listsByLanguage = (predicate: string) => {
    const result: Record<string, string[]> = {};
    for (const literal of literals(predicate)) (result[(literal as { language?: string }).language || 'fr'] ??= []).push(literal.value);
    return result;
  };
  const links = (predicate: string, name: string) => {
    const codes: string[] = [];
    for (const object of facts.get(predicate) ?? []) {
      const target = object.termType === 'NamedNode' ? codeOf(object.value, CONCEPT_IRI) : null;
      if (target) codes.push(target);
      else problem(name, `"${object.value}" is not a concept of this vocabulary (${CONCEPT_IRI}<code>)`);
    }
    return codes;
  };
  const notation = literals('notation')[0]?.value;
  if (notation !== undefined && notation !== code)
    problem('skos:notation', `The notation "${notation}" differs from the code in the IRI, "${code}"`);

  if (isScheme) {
    const label = byLanguage('prefLabel', 'skos:prefLabel');
    const title = byLanguage(DCTERMS + 'title', 'dcterms:title');
    const record: DomainRecord = {
      code,
      label: Object.keys(label).length ? label : title,
      description: byLanguage(DCTERMS + 'description', 'dcterms:description'),
    };
    if (problems.length) yield* problems;
    else yield { kind: 'domain', at: { subject }, record };
    return;
  }

  const schemes = (facts.get(SKOS + 'inScheme') ?? []).map((s) => codeOf(s.value, SCHEME_IRI));
  if (schemes.length > 1) problem('skos:inScheme', 'A concept belongs to one scheme (domain)');
  if (schemes.length === 1 && !schemes[0]) problem('skos:inScheme', `The scheme must be under ${SCHEME_IRI}`);
  const acronyms = literals(BMO + 'acronym').map((l) => l.value);
  const acronymsByLanguage = listsByLanguage(BMO + 'acronym');
  // acronyms are also stated as altLabel in their language for SKOS consumers: stored once, as acronyms
  const altLabels = Object.fromEntries(
    Object.entries(listsByLanguage('altLabel'))
      .map(([lang, values]) => [lang, values.filter((v) => !acronymsByLanguage[lang]?.includes(v))] as const)
      .filter(([, values]) => values.length > 0),
  );
  const statuses = literals(BMO + 'status').map((l) => l.value);
  const deprecated = (facts.get(OWL + 'deprecated') ?? []).some((o) => o.value === 'true' || o.value === '1');
  if (statuses.length > 1) problem('bmo:status', 'A concept has one status');
  const status = statuses[0] ?? (deprecated ? 'DEPRECATED' : undefined);
  if (deprecated && status !== 'DEPRECATED') problem('owl:deprecated', `owl:deprecated is true but the status is ${status}`);
  const replacedBy = links(DCTERMS + 'isReplacedBy', 'dcterms:isReplacedBy');
  if (replacedBy.length > 1) problem('dcterms:isReplacedBy', 'A deprecated concept names one successor');
  const sources = literals(DCTERMS + 'source').map((l) => l.value);
  const record: ConceptRecord = {
    code,
    domain: schemes[0] ?? options.domain ?? '',
    status: status ?? '',
    prefLabel: byLanguage('prefLabel', 'skos:prefLabel'),
    altLabels,
    acronyms,
    hiddenLabels: literals('hiddenLabel').map((l) => l.value),
    definition: byLanguage('definition', 'skos:definition'),
    scopeNote: byLanguage('scopeNote', 'skos:scopeNote'),
    source: sources.length ? sources.join(' ; ') : null,
    broader: links(SKOS + 'broader', 'skos:broader'),
    narrower: links(SKOS + 'narrower', 'skos:narrower'),
    related: links(SKOS + 'related', 'skos:related'),
    replacedBy: replacedBy[0] ?? null,
  };
  if (problems.length) return yield* problems;
  yield { kind: 'concept', at: { subject }, record };
}

/** Runs a text-to-triples parser over the text and reports a syntax error with its line when the parser gives one. */
async function* parsedWith(
  parser: Transform,
  text: AsyncIterable<string>,
  options: ReaderOptions,
  syntax: string,
): AsyncGenerator<ParsedItem> {
  const source = Readable.from(text);
  source.on('error', (error) => parser.destroy(error));
  source.pipe(parser);
  try {
    yield* recordsOfTriples(parser as AsyncIterable<Quad>, options);
  } catch (error) {
    const line = (error as { context?: { line?: number } }).context?.line ?? lineIn((error as Error).message);
    if ((error as Error).name === 'EncodingError' || error instanceof ReadBudgetExceeded) throw error;
    yield {
      kind: 'problem',
      problem: { ...(line ? { line } : { subject: 'file' }), field: syntax, message: `Not valid ${syntax}: ${(error as Error).message}` },
    };
  }
}

function lineIn(message: string): number | undefined {
  const match = /line:? (\d+)/i.exec(message);
  return match ? Number(match[1]) : undefined;
}

export const readSkosTurtle: FileReader = budgeted((text, options) =>
  parsedWith(new StreamParser({ format: 'text/turtle' }), text, options, 'Turtle'),
);

export const readSkosJsonLd: FileReader = budgeted((text, options) =>
  parsedWith(
    new JsonLdParser({
      // only the inline context is read: no document is fetched from the network
      documentLoader: { load: (url: string) => Promise.reject(new Error(`Remote contexts are not loaded (${url})`)) },
    }),
    // the parser's work grows steeply with nesting: refused on the characters before it starts
    nestingWithin(text, READ_BUDGET.maxNesting),
    options,
    'JSON-LD',
  ),
);
