import { escapeHtml, excerpt, highlight } from './highlight';

describe('highlight', () => {
  it('escapes the HTML of the text before marking it', () => {
    expect(escapeHtml(`<a href="x">Tom & 'Jerry'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;Tom &amp; &#39;Jerry&#39;&lt;/a&gt;');
    expect(highlight('<b>Budget</b> & co', { words: ['budget'] })).toBe('&lt;b&gt;<mark>Budget</mark>&lt;/b&gt; &amp; co');
  });

  it('marks words whatever their accents and case, their French inflections, and the prefix being typed', () => {
    expect(highlight('Marchés publics', { words: ['marche', 'public'] })).toBe('<mark>Marchés</mark> <mark>publics</mark>');
    expect(highlight('Mise à disposition', { words: ['mise'], prefix: 'dispo' })).toBe('<mark>Mise</mark> à <mark>disposition</mark>');
    expect(highlight('Budget annexe', { words: ['bud'] })).toBe('Budget annexe');
  });

  it('cuts a long text around its first match', () => {
    const text = 'Lorem ipsum '.repeat(30) + 'régie de recettes ' + 'dolor sit amet '.repeat(30);
    const cut = excerpt(text, { words: ['regie'] }, 80);
    expect(cut.length).toBeLessThanOrEqual(82);
    expect(cut).toContain('régie');
    expect(cut.startsWith('…')).toBe(true);
  });
});
