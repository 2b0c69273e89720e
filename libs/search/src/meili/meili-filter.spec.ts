import { StatusScope } from '../search-engine';
import { meiliFilter, quoteFilterValue } from './meili-filter';

const readerScope: StatusScope = { publicStatuses: ['PUBLISHED', 'DEPRECATED'], unpublishedStatuses: [], unpublishedDomains: [] };

describe('Meilisearch filters', () => {
  it('quotes every value and escapes quotes and backslashes', () => {
    expect(quoteFilterValue('FIN')).toBe('"FIN"');
    expect(quoteFilterValue('FIN" OR status = "DRAFT')).toBe('"FIN\\" OR status = \\"DRAFT"');
    expect(quoteFilterValue('a\\" OR 1=1')).toBe('"a\\\\\\" OR 1=1"');
    expect(quoteFilterValue('\\')).toBe('"\\\\"');
  });

  it.each([`FIN" OR domain = "RH`, `FIN\\" OR status = "DRAFT`, `"]) OR (status IN ["DRAFT`, `\\\\"`, `RH' OR '1'='1`])(
    'keeps the hostile value %s inside one string literal',
    (value) => {
      const filter = meiliFilter({ scope: readerScope, domains: [value] })!;
      const literal = filter.slice(filter.indexOf('domain IN [') + 'domain IN ['.length, -1);
      // Reading the literal back as Meilisearch does gives the value, and nothing follows it.
      expect(literal.startsWith('"') && literal.endsWith('"')).toBe(true);
      const unescaped = literal.slice(1, -1).replace(/\\(.)/g, '$1');
      expect(unescaped).toBe(value);
      expect(literal.slice(1, -1).replace(/\\./g, '')).not.toContain('"');
    },
  );

  it('scopes statuses: public ones for everybody, drafts only in the domains the caller stewards', () => {
    expect(meiliFilter({ scope: readerScope })).toBe('status IN ["PUBLISHED", "DEPRECATED"]');
    expect(meiliFilter({ scope: { publicStatuses: ['PUBLISHED'], unpublishedStatuses: ['DRAFT'], unpublishedDomains: ['FIN'] } })).toBe(
      '(status IN ["PUBLISHED"] OR (status IN ["DRAFT"] AND domain IN ["FIN"]))',
    );
    expect(meiliFilter({ scope: { publicStatuses: [], unpublishedStatuses: ['DRAFT'], unpublishedDomains: 'all' } })).toBe(
      'status IN ["DRAFT"]',
    );
    expect(meiliFilter({ scope: { publicStatuses: [], unpublishedStatuses: [], unpublishedDomains: [] } })).toBeNull();
  });

  it('adds domains and systems', () => {
    expect(meiliFilter({ scope: readerScope, domains: ['FIN', 'RH'], systems: ['SI-BDX-GRH'] })).toBe(
      'status IN ["PUBLISHED", "DEPRECATED"] AND domain IN ["FIN", "RH"] AND systems IN ["SI-BDX-GRH"]',
    );
  });
});
