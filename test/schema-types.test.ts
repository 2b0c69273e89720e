import { execFileSync } from 'node:child_process';
import * as path from 'node:path';

describe('generated GraphQL types', () => {
  it('match schema/*.graphql (run `npm run schema:types` after changing the schema)', () => {
    const script = path.join(__dirname, '..', 'scripts', 'generate-schema-types.js');
    const output = execFileSync(process.execPath, [script, '--check'], { encoding: 'utf8' });
    expect(output).toContain('up to date');
  });
});
