import { Readable } from 'node:stream';
import { readConceptsCsv } from './csv/concepts-csv';
import { FileReader, ParsedItem } from './parsed-item';
import { budgeted, READ_BUDGET } from './read-budget';
import { readSkosJsonLd, readSkosTurtle } from './skos/skos-reader';
import { readSssomTsv } from './sssom/sssom-tsv';

/** Text as a stream of these chunks. */
const streamOf = (chunks: string[]) => Readable.from(chunks) as AsyncIterable<string>;

async function readAll(reader: FileReader, chunks: string[]): Promise<ParsedItem[]> {
  const items: ParsedItem[] = [];
  for await (const item of reader(streamOf(chunks), {})) items.push(item);
  return items;
}

const problems = (items: ParsedItem[]) => items.flatMap((item) => (item.kind === 'problem' ? [item.problem] : []));

describe('read budgets', () => {
  it('refuses the 40 KB JSON-LD of arrays nested 400 deep at once, with its line and why', async () => {
    // the shape that kept a process at full CPU for over ten minutes
    const nested = '['.repeat(400) + '1' + ']'.repeat(400);
    const bomb = `{\n"@context": {"@vocab": "http://x/"},\n"@graph": [\n${Array(50).fill(`{"@id": "http://a", "p": ${nested}}`).join(',\n')}]}`;
    expect(bomb.length).toBeGreaterThan(40_000);
    const refused = problems(await readAll(readSkosJsonLd, [bomb]));
    expect(refused).toEqual([{ line: 4, field: 'file', message: expect.stringContaining(`more than ${READ_BUDGET.maxNesting} levels`) }]);
  });

  it('reads JSON-LD nested as deep as a vocabulary is, brackets inside strings not counted', async () => {
    const text = JSON.stringify({
      '@context': { skos: 'http://www.w3.org/2004/02/skos/core#' },
      '@graph': [
        {
          '@id': 'https://vocabulaire.bordeaux-metropole.example/concept/FIN-0001',
          '@type': 'skos:Concept',
          'skos:prefLabel': [{ '@value': '[[[[[[[[[[[[[[[[[[[[ {{{{{{{{{{{{{{{{{{{', '@language': 'fr' }],
        },
      ],
    });
    expect(problems(await readAll(readSkosJsonLd, [text]))).toEqual([]);
  });

  it('stops a parser that spends longer than its budget, with the reason', async () => {
    // a parser that works 5 ms per slice, on a budget of 20 ms in all
    const slow: FileReader = async function* (text) {
      for await (const slice of text) {
        const until = performance.now() + 5;
        while (performance.now() < until);
        yield { kind: 'problem', problem: { field: 'slice', message: String(slice.length) } };
      }
    };
    const items = await readAll(budgeted(slow, { ...READ_BUDGET, graceMs: 20, msPerMegabyte: 0 }), ['x'.repeat(200_000)]);
    const last = problems(items).at(-1)!;
    expect(last).toEqual({ subject: 'file', field: 'file', message: expect.stringContaining('Reading the file took more than 0 s') });
    expect(items.length).toBeLessThan(10);
  });

  it('counts only the parser’s time, not what the import does with the rows meanwhile', async () => {
    const reader = budgeted(readConceptsCsv, { ...READ_BUDGET, graceMs: 50, msPerMegabyte: 0 });
    const rows = Array.from({ length: 20 }, (_, i) => `FIN-${1000 + i};FIN;Libellé ${i}`).join('\n');
    const seen: ParsedItem[] = [];
    for await (const item of reader(streamOf([`code;domain;prefLabel@fr\n${rows}\n`]), {})) {
      seen.push(item);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
    expect(problems(seen)).toEqual([]);
    expect(seen).toHaveLength(20);
  });

  it('lets other work run while a large file is read', async () => {
    const csv = 'code;domain;prefLabel@fr\n' + Array.from({ length: 40_000 }, (_, i) => `FIN-${i};FIN;Libellé numéro ${i}`).join('\n');
    let turns = 0;
    const timer = setInterval(() => turns++, 0);
    const items = await readAll(readConceptsCsv, [csv]).finally(() => clearInterval(timer));
    expect(items).toHaveLength(40_000);
    expect(turns).toBeGreaterThan(5);
  });

  it('refuses a CSV quote out of place, and a row longer than the budget, with the line', async () => {
    expect(problems(await readAll(readConceptsCsv, ['{"$gt": ""}']))).toEqual([
      { line: 1, field: 'file', message: expect.stringContaining('Not valid CSV') },
    ]);
    expect(
      problems(await readAll(readConceptsCsv, ['code;domain;prefLabel@fr\nFIN-1;FIN;"ouvert\n', 'x'.repeat(READ_BUDGET.maxRecordLength)])),
    ).toEqual([{ line: expect.any(Number), field: 'file', message: expect.stringContaining('longer than 1,000,000 characters') }]);
  });

  it('refuses a TSV line longer than the budget instead of holding it all', async () => {
    const refused = problems(
      await readAll(readSssomTsv, ['# curie_map:\nsubject_id\tpredicate_id\tobject_id\n', 'x'.repeat(READ_BUDGET.maxRecordLength + 1)]),
    );
    expect(refused).toEqual([{ line: 3, field: 'file', message: expect.stringContaining('longer than 1,000,000 characters') }]);
  });

  it('keeps Turtle nested deep in blank nodes readable: its parser stays linear', async () => {
    const ttl = '@prefix : <http://x/> .\n:a :p ' + '[ :p '.repeat(5000) + '1' + ' ]'.repeat(5000) + ' .\n';
    expect(problems(await readAll(readSkosTurtle, [ttl]))).toEqual([]);
  });
});
