import { ErrorReason } from '@lexique/core';
import { ConceptPatchInput, everyLanguage, normalizePatch } from './concept-patch';

function check(input: ConceptPatchInput) {
  const problems: { reason: ErrorReason; field: string }[] = [];
  const patch = normalizePatch(input, (reason, field) => problems.push({ reason, field }));
  return { patch, problems };
}

describe('concept patch', () => {
  it('normalises what it is given and leaves out what it is not: trimmed, spaces collapsed, lists deduplicated, codes upper-cased and sorted', () => {
    expect(
      check({
        prefLabel: { fr: '  Budget   primitif ' },
        altLabels: { fr: ['BP', 'BP'], en: [] },
        acronyms: [' BP '],
        broader: ['fin-0003', 'FIN-0001', 'FIN-0003'],
        source: ' CGCT ',
      }),
    ).toEqual({
      patch: {
        prefLabel: { fr: 'Budget primitif' },
        altLabels: { fr: ['BP'], en: null },
        acronyms: ['BP'],
        broader: ['FIN-0001', 'FIN-0003'],
        source: 'CGCT',
      },
      problems: [],
    });
  });

  it('says a language left out is kept, a null or empty one cleared, and a null text clears every language', () => {
    expect(check({ prefLabel: { en: 'Budget' } }).patch).toEqual({ prefLabel: { en: 'Budget' } });
    expect(check({ definition: { fr: null, en: '  ' } }).patch).toEqual({ definition: { fr: null, en: null } });
    expect(check({ scopeNote: null }).patch).toEqual({ scopeNote: { fr: null, en: null } });
    expect(check({ acronyms: null, related: null }).patch).toEqual({ acronyms: [], related: [] });
  });

  it.each<[string, ConceptPatchInput, ErrorReason, string]>([
    ['a label over 200 characters', { prefLabel: { fr: 'a'.repeat(201) } }, ErrorReason.TOO_LONG, 'prefLabel.fr'],
    ['an unknown language', { prefLabel: { fr: 'a', de: 'b' } }, ErrorReason.UNKNOWN_LANGUAGE, 'prefLabel.de'],
    ['an empty alternative label', { altLabels: { fr: ['b', ''] } }, ErrorReason.REQUIRED, 'altLabels.fr[1]'],
    ['an acronym too long', { acronyms: ['A'.repeat(21)] }, ErrorReason.TOO_LONG, 'acronyms[0]'],
    ['a definition over 4000 characters', { definition: { en: 'd'.repeat(4001) } }, ErrorReason.TOO_LONG, 'definition.en'],
    ['a blank source', { source: '  ' }, ErrorReason.REQUIRED, 'source'],
    ['a malformed code among related concepts', { related: ['FIN-0001', 'FIN 2'] }, ErrorReason.INVALID_FORMAT, 'related[1]'],
    ['too many acronyms', { acronyms: Array.from({ length: 51 }, (_, i) => `A${i}`) }, ErrorReason.TOO_MANY, 'acronyms'],
    ['a text that is not by language', { definition: 'plain' }, ErrorReason.INVALID_VALUE, 'definition'],
    ['a list that is not one', { broader: 'FIN-0001' }, ErrorReason.INVALID_VALUE, 'broader'],
  ])('reports %s, naming %s', (_what, input, reason, field) => {
    expect(check(input).problems).toEqual([{ reason, field }]);
  });

  it('names every language of a whole statement, so that applying it replaces the field', () => {
    expect(everyLanguage({ fr: 'Budget' })).toEqual({ fr: 'Budget', en: null });
    expect(everyLanguage(undefined)).toEqual({ fr: null, en: null });
  });
});
