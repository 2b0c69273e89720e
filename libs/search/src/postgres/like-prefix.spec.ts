import { likePrefix } from './search-document.repository';

describe('likePrefix', () => {
  it('matches texts starting with the query, its wildcards and escapes taken as text', () => {
    expect(likePrefix('budget')).toBe('budget%');
    expect(likePrefix('50%_a\\b')).toBe('50\\%\\_a\\\\b%');
  });
});
