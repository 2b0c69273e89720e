// The page's pure helpers, run by Jest as the browser runs them (ES modules, no DOM).
type Part = { type: 'same' | 'removed' | 'added'; text: string };
const { wordDiff } = jest.requireActual<{ wordDiff: (before: string | null, after: string | null) => Part[] }>('./word-diff.js');
const { detectCharset, decodeText, toBase64 } = jest.requireActual<{
  detectCharset: (bytes: Uint8Array) => string;
  decodeText: (bytes: Uint8Array, charset: string) => string;
  toBase64: (bytes: Uint8Array) => string;
}>('./charset.js');
const { waitingFor } = jest.requireActual<{ waitingFor: (since: string, now: number) => string }>('./time.js');

/** The text a reviewer reads on each side: the old one with its removals, the new one with its additions. */
const sides = (parts: Part[]) => ({
  before: parts
    .filter((p) => p.type !== 'added')
    .map((p) => p.text)
    .join(''),
  after: parts
    .filter((p) => p.type !== 'removed')
    .map((p) => p.text)
    .join(''),
});

describe('wordDiff', () => {
  it('marks the words that changed and keeps the rest', () => {
    const parts = wordDiff(
      'Délibération qui modifie le budget en cours d’exercice.',
      'Délibération qui modifie le budget primitif en cours d’exercice.',
    );
    expect(parts).toEqual([
      { type: 'same', text: 'Délibération qui modifie le budget ' },
      { type: 'added', text: 'primitif ' },
      { type: 'same', text: 'en cours d’exercice.' },
    ]);
  });

  it('reads a replaced passage as one removal then one addition', () => {
    expect(wordDiff('Le budget annexe de la régie.', 'Le compte spécial de la régie.')).toEqual([
      { type: 'same', text: 'Le ' },
      { type: 'removed', text: 'budget annexe' },
      { type: 'added', text: 'compte spécial' },
      { type: 'same', text: ' de la régie.' },
    ]);
  });

  it('gives back both texts exactly, whatever changed', () => {
    const cases: [string, string][] = [
      ['', 'Nouvelle définition.'],
      ['Ancienne définition.', ''],
      ['a b c d e', 'e d c b a'],
      ['Taux : 5,5 % (réduit)', 'Taux : 10 % (intermédiaire), hors DOM'],
    ];
    for (const [before, after] of cases) expect(sides(wordDiff(before, after))).toEqual({ before, after });
    // spacing is not a change: both sides show the new text's spaces
    expect(sides(wordDiff('un  deux\ntrois', 'un deux trois quatre'))).toEqual({ before: 'un deux trois', after: 'un deux trois quatre' });
  });

  it('sees no change in spacing alone, and compares words whole (not letters)', () => {
    expect(wordDiff('un  deux', 'un deux').every((p) => p.type === 'same')).toBe(true);
    expect(wordDiff('dépenses', 'dépense')).toEqual([
      { type: 'removed', text: 'dépenses' },
      { type: 'added', text: 'dépense' },
    ]);
  });

  it('treats null as an empty text', () => {
    expect(wordDiff(null, 'Budget')).toEqual([{ type: 'added', text: 'Budget' }]);
  });

  it('shows texts too long to compare word by word as one removal and one addition', () => {
    const long = (word: string) => Array.from({ length: 1200 }, (_, i) => `${word}${i}`).join(' ');
    const parts = wordDiff(long('a'), long('b'));
    expect(parts.map((p) => p.type)).toEqual(['removed', 'added']);
    expect(sides(parts)).toEqual({ before: long('a'), after: long('b') });
  });
});

describe('charset detection', () => {
  it('takes valid UTF-8 (with or without byte order mark) as UTF-8, and plain ASCII too', () => {
    expect(detectCharset(new TextEncoder().encode('Code;Libellé préféré (français)\n'))).toBe('UTF_8');
    expect(detectCharset(new TextEncoder().encode('\uFEFFCode;Domaine\n'))).toBe('UTF_8');
    expect(detectCharset(new TextEncoder().encode('code;domain\n'))).toBe('UTF_8');
  });

  it('reads what is not UTF-8 as Windows-1252, as French Excel writes it', () => {
    // "Libellé;Coût 12 €;œuvre" in Windows-1252
    const bytes = Uint8Array.from([
      0x4c, 0x69, 0x62, 0x65, 0x6c, 0x6c, 0xe9, 0x3b, 0x43, 0x6f, 0xfb, 0x74, 0x20, 0x31, 0x32, 0x20, 0x80, 0x3b, 0x9c, 0x75, 0x76, 0x72,
      0x65,
    ]);
    expect(detectCharset(bytes)).toBe('WINDOWS_1252');
    expect(decodeText(bytes, 'WINDOWS_1252')).toBe('Libellé;Coût 12 €;œuvre');
  });

  it('writes bytes in base64 exactly', () => {
    const bytes = Uint8Array.from({ length: 70_000 }, (_, i) => (i * 7) % 256);
    expect(Buffer.from(toBase64(bytes), 'base64').equals(Buffer.from(bytes))).toBe(true);
  });
});

describe('waitingFor', () => {
  const now = Date.parse('2026-03-10T12:00:00Z');
  it('says how long an entry has waited in hours, then days', () => {
    expect(waitingFor('2026-03-10T11:30:00Z', now)).toBe('depuis moins d’une heure');
    expect(waitingFor('2026-03-10T09:00:00Z', now)).toBe('depuis 3 heures');
    expect(waitingFor('2026-03-09T11:00:00Z', now)).toBe('depuis 1 jour');
    expect(waitingFor('2026-03-08T06:00:00Z', now)).toBe('depuis 2 jours');
  });
});
