import { ParsedItem } from '../parsed-item';
import { CONCEPT_CSV_TITLES, conceptCsvTemplate, readConceptsCsv } from './concepts-csv';
import { headerKey, technicalHeader } from './csv-rows';
import { MAPPING_CSV_TITLES, mappingCsvTemplate, readMappingsCsv } from './mappings-csv';

/** The text as a reader takes it: a stream of one piece. */
const once = (text: string): AsyncIterable<string> =>
  (async function* () {
    yield await Promise.resolve(text);
  })();
const collect = async (items: AsyncIterable<ParsedItem>) => {
  const all: ParsedItem[] = [];
  for await (const item of items) all.push(item);
  return all;
};

describe('French column headers', () => {
  it('fold case, accents, curly apostrophes and spaces', () => {
    expect(headerKey('  Note d’application   (français) ')).toBe("note d'application (francais)");
    expect(headerKey('LIBELLE PREFERE (FRANCAIS)')).toBe(headerKey('Libellé préféré (français)'));
  });

  it('name the technical columns, French or not, and leave unknown names as written', () => {
    expect(
      technicalHeader(['Code', 'Domaine', 'Libellé préféré (français)', 'prefLabel@en', 'Sigles', 'Couleur'], CONCEPT_CSV_TITLES),
    ).toEqual(['code', 'domain', 'prefLabel@fr', 'prefLabel@en', 'acronyms', 'Couleur']);
    expect(technicalHeader(['Système', 'code local', 'Relation', "Valide jusqu'au"], MAPPING_CSV_TITLES)).toEqual([
      'system',
      'localCode',
      'relation',
      'validTo',
    ]);
  });

  it('read a concepts file with French headers as the same records as with technical ones', async () => {
    const french =
      'Code;Domaine;Libellé préféré (français);Synonymes (français);Sigles;Définition (français)\nFIN-0901;FIN;Budget vert;Budget climat | Budget durable;BV;Budget présenté selon son effet.\n';
    const technical =
      'code;domain;prefLabel@fr;altLabels@fr;acronyms;definition@fr\nFIN-0901;FIN;Budget vert;Budget climat | Budget durable;BV;Budget présenté selon son effet.\n';
    const [fromFrench, fromTechnical] = await Promise.all([
      collect(readConceptsCsv(once(french), {})),
      collect(readConceptsCsv(once(technical), {})),
    ]);
    expect(fromFrench).toEqual(fromTechnical);
    expect(fromFrench).toEqual([
      expect.objectContaining({
        kind: 'concept',
        record: expect.objectContaining({
          code: 'FIN-0901',
          prefLabel: { fr: 'Budget vert' },
          altLabels: { fr: ['Budget climat', 'Budget durable'] },
          acronyms: ['BV'],
        }),
      }),
    ]);
  });

  it('still report an unknown header by its name', async () => {
    const items = await collect(readConceptsCsv(once('Code;Domaine;Couleur\nFIN-0901;FIN;vert\n'), {}));
    expect(items).toEqual([{ kind: 'problem', problem: expect.objectContaining({ line: 1, field: 'Couleur' }) }]);
  });

  it('read their own templates back: French headers, one example row', async () => {
    const concepts = await collect(readConceptsCsv(once(conceptCsvTemplate()), {}));
    expect(conceptCsvTemplate().split('\r\n')[0]).toContain('Libellé préféré (français);Libellé préféré (anglais)');
    expect(concepts).toEqual([
      expect.objectContaining({
        kind: 'concept',
        record: expect.objectContaining({ code: 'FIN-0900', domain: 'FIN', broader: ['FIN-0003'] }),
      }),
    ]);
    const mappings = await collect(readMappingsCsv(once(mappingCsvTemplate()), {}));
    expect(mappingCsvTemplate().split('\r\n')[0]).toBe(
      '\uFEFFSystème;Code local;Libellé local;Relation;Concept;Libellé du concept;Note;Valide à partir du;Valide jusqu’au;Justification;Confiance;Version',
    );
    expect(mappings).toEqual([
      expect.objectContaining({
        kind: 'mapping',
        record: expect.objectContaining({
          system: 'SI-MER-FIN',
          localCode: 'BV-2026',
          relation: 'EXACT',
          concept: 'FIN-0004',
          validFrom: '2026-01-01',
        }),
      }),
    ]);
  });
});
