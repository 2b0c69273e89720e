import { DomainError } from '@lexique/core';
import { csvCell, detectDelimiter, importedCell } from './csv/csv-rows';
import { InterchangeFormat, resolveFormat } from './interchange-format';
import { turtleString } from './skos/skos-turtle-writer';
import { EncodingError, utf8Text } from './utf8-text';

describe('interchange formats', () => {
  it('tells the format from the extension, or by its name', () => {
    expect(resolveFormat('vocabulaire.ttl')).toBe(InterchangeFormat.SKOS_TURTLE);
    expect(resolveFormat('FIN.jsonld')).toBe(InterchangeFormat.SKOS_JSONLD);
    expect(resolveFormat('SI-MER-FIN.sssom.tsv')).toBe(InterchangeFormat.SSSOM_TSV);
    expect(resolveFormat('/tmp/FIN.csv')).toBe(InterchangeFormat.CONCEPTS_CSV);
    expect(resolveFormat('export/mappings-merignac.csv')).toBe(InterchangeFormat.MAPPINGS_CSV);
    expect(resolveFormat('systems.csv')).toBe(InterchangeFormat.SYSTEMS_CSV);
    expect(resolveFormat('data.txt', 'sssom')).toBe(InterchangeFormat.SSSOM_TSV);
    expect(resolveFormat('data.txt', 'MAPPINGS_CSV')).toBe(InterchangeFormat.MAPPINGS_CSV);
    expect(() => resolveFormat('data.xlsx')).toThrow(DomainError);
    expect(() => resolveFormat('data.csv', 'xlsx')).toThrow(/Unknown format "xlsx"/);
  });

  it('writes formula-looking CSV cells behind an apostrophe and reads them back exactly', () => {
    expect(csvCell('=1+1', ';')).toBe("'=1+1");
    expect(csvCell('=HYPERLINK("x";"y")', ';')).toBe(`"'=HYPERLINK(""x"";""y"")"`);
    expect(csvCell('\tcmd', ';')).toBe("'\tcmd");
    expect(csvCell('\rcmd', ';')).toBe(`"'\rcmd"`);
    expect(csvCell('Budget - annexe', ';')).toBe('Budget - annexe');
    for (const value of ['=1+1', "'=1+1", "''=1+1", '+33', '-5', '@A1', '\tx', "'quote", 'plain', "l'été"]) {
      expect(
        importedCell(
          csvCell(value, ';')
            .replace(/^"(.*)"$/s, '$1')
            .replace(/""/g, '"'),
        ),
      ).toBe(value);
    }
  });

  it('detects the delimiter French spreadsheets use', () => {
    expect(detectDelimiter('code;domain;prefLabel@fr')).toBe(';');
    expect(detectDelimiter('code,domain,prefLabel@fr')).toBe(',');
    expect(detectDelimiter('subject_id\tpredicate_id')).toBe('\t');
    expect(detectDelimiter('code')).toBe(',');
  });

  it('decodes UTF-8 across chunk boundaries, drops the BOM and reports the line of a Latin-1 byte', async () => {
    const text = async (chunks: Buffer[]) => {
      let out = '';
      for await (const piece of utf8Text(chunks)) out += piece;
      return out;
    };
    const bytes = Buffer.from('\uFEFFa;b\nÉté;œuvre\n', 'utf8');
    expect(await text([bytes.subarray(0, 9), bytes.subarray(9)])).toBe('a;b\nÉté;œuvre\n');
    await expect(text([Buffer.from('a\nb\n', 'utf8'), Buffer.from('c\nd\xe9t\xe9\n', 'latin1')])).rejects.toEqual(new EncodingError(4));
  });

  it('escapes Turtle literals', () => {
    expect(turtleString('Il dit "non"\n\\ fin\t.')).toBe('"Il dit \\"non\\"\\n\\\\ fin\\t."');
  });
});
