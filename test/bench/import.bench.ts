import { createTestDatabase, dropTestDatabase } from '../support/test-server';
import { runImportBench } from './import-bench';
import { builtLexique } from './lexique-command';

/**
 * `npm run bench:import`: 100,000 concepts and 1,000,000 mappings (or
 * BENCH_CONCEPTS / BENCH_MAPPINGS) imported with the built CLI, in its own
 * process, into an empty database. Prints rows per second and peak memory;
 * asserts nothing on time.
 */
describe('import benchmark', () => {
  it('imports generated files and prints the figures', async () => {
    const url = await createTestDatabase();
    const previous = process.env.DATABASE_URL;
    process.env.DATABASE_URL = url;
    try {
      const sizes = { concepts: Number(process.env.BENCH_CONCEPTS ?? 100_000), mappings: Number(process.env.BENCH_MAPPINGS ?? 1_000_000) };
      const lines: string[] = [];
      await runImportBench(sizes, (line) => lines.push(line), builtLexique);
      console.log(lines.join('\n'));
    } finally {
      if (previous === undefined) delete process.env.DATABASE_URL;
      else process.env.DATABASE_URL = previous;
      await dropTestDatabase(url);
    }
  });
});
