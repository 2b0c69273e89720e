import { AddressInfo } from 'node:net';
import { startTestApp, TestApp } from '../support/test-app';
import { benchQueries, DatasetOptions, generateConcepts, generateMappings } from './dataset/generate';
import { loadDataset } from './dataset/load';
import { runSearchBench } from './search/harness';

/** A smoke run of the benchmark's generator, loader and harness on a tiny dictionary (never timed). */
describe('search benchmark (smoke run on a tiny dictionary)', () => {
  const tiny: DatasetOptions = { concepts: 500, mappings: 3000, systems: 13, seed: 7 };
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ seed: false });
    await t.app.listen(0, '127.0.0.1');
  });
  afterAll(() => t.close());

  it('generates the same dictionary from the same seed, and another from another seed', () => {
    const first = [...generateConcepts(tiny)].slice(0, 20);
    expect([...generateConcepts(tiny)].slice(0, 20)).toEqual(first);
    expect([...generateConcepts({ ...tiny, seed: 8 })].slice(0, 20)).not.toEqual(first);
    const mappings = [...generateMappings(tiny)];
    expect(mappings).toHaveLength(3000);
    expect(new Set(mappings.map((m) => `${m.system}/${m.localCode}`)).size).toBe(3000);
    expect(new Set(mappings.map((m) => m.system)).size).toBe(13);
  });

  it('loads it and measures searches through HTTP', async () => {
    const report = await loadDataset(t.databaseUrl, tiny);
    expect(report).toMatchObject({ concepts: 500, mappings: 3000 });
    const { port } = t.app.getHttpServer().address() as AddressInfo;
    const queries = benchQueries(tiny);
    const result = await runSearchBench(`http://127.0.0.1:${port}`, queries, { concurrency: [1, 4], requestsPerScenario: 12, warmup: 2 });
    expect(result.scenarios.map((s) => [s.kind, s.concurrency, s.requests, s.errors])).toEqual([
      ['prefixes', 1, 12, 0],
      ['words', 1, 12, 0],
      ['prefixes', 4, 12, 0],
      ['words', 4, 12, 0],
    ]);
    for (const s of result.scenarios) {
      expect(s.found).toBeGreaterThan(0.5);
      expect(s.p50).toBeLessThanOrEqual(s.p95);
      expect(s.p95).toBeLessThanOrEqual(s.p99);
    }
    expect(result.apiMemoryMb).toBeGreaterThan(0);
  });
});
