import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { DEFAULT_DATASET } from './dataset/generate';
import { BenchReport } from './suite/bench';
import { demoInputs } from './suite/inputs';
import { expectAnswer, LoadFigures, runLoad } from './suite/load';
import { markdown } from './suite/report';

/**
 * What the bench sends and how it tells its errors: the demo inputs are codes
 * an integrator would translate, and every count of errors comes with the
 * first one, whatever its kind (a thrown error or an answer that failed its
 * check). Never timed.
 */
describe('benchmark inputs and errors', () => {
  describe('the load loop', () => {
    it('records the first error of an operation that only answers false', async () => {
      const figures = await runLoad((i) => Promise.resolve(i % 4 !== 3), 1, 8);
      expect(figures).toMatchObject({ requests: 8, errors: 2, firstError: "request 3: the answer failed the scenario's check" });
    });

    it('records the message of a thrown error, with the answer that failed its check', async () => {
      const figures = await runLoad(
        (i) => Promise.resolve().then(() => expectAnswer(i !== 2, `translate SI-X/${i}`, { translate: { found: false } })),
        2,
        6,
      );
      expect(figures).toMatchObject({
        requests: 6,
        errors: 1,
        firstError: 'unexpected answer to translate SI-X/2: {"translate":{"found":false}}',
      });
    });

    it('records no error when there is none', async () => {
      const figures = await runLoad(() => Promise.resolve(expectAnswer(true, 'anything', null)), 2, 6);
      expect(figures.errors).toBe(0);
      expect(figures).not.toHaveProperty('firstError');
    });
  });

  describe('the demo inputs', () => {
    let root: string;
    beforeAll(() => {
      root = fs.mkdtempSync(path.join(os.tmpdir(), 'lexique-bench-inputs-'));
      fs.mkdirSync(path.join(root, 'demo'));
      fs.mkdirSync(path.join(root, 'test/relevance'), { recursive: true });
      const concept = (code: string, status: string) => ({ code, status });
      const mapping = (localCode: string, concept: string | null, period: { validFrom?: string; validTo?: string } = {}) => ({
        system: 'SI-X',
        localCode,
        concept,
        relation: concept ? 'EXACT' : 'UNMAPPED',
        ...period,
      });
      const demo = {
        concepts: [concept('A', 'PUBLISHED'), concept('B', 'DRAFT'), concept('C', 'DEPRECATED'), concept('D', 'IN_REVIEW')],
        systems: [{ code: 'SI-X' }],
        mappings: [
          mapping('to-published', 'A'),
          mapping('to-draft', 'B'),
          mapping('to-deprecated', 'C'),
          mapping('to-in-review', 'D'),
          mapping('unmapped', null),
          mapping('ended', 'A', { validTo: '2001-01-01' }),
          mapping('not-yet', 'A', { validFrom: '2999-01-01' }),
          mapping('since-2000', 'A', { validFrom: '2000-01-01' }),
        ],
      };
      fs.writeFileSync(path.join(root, 'demo/vocabulary.json'), JSON.stringify(demo));
      fs.writeFileSync(path.join(root, 'test/relevance/queries.json'), JSON.stringify({ queries: [] }));
    });
    afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

    it('translates only codes mapped, today, to a concept readers see', () => {
      const inputs = demoInputs(root);
      const picked = new Set(Array.from({ length: 100 }, (_, n) => inputs.mapping(n).code));
      expect([...picked].sort()).toEqual(['since-2000', 'to-deprecated', 'to-published']);
      expect(inputs.concepts).toEqual(['A', 'C']);
    });
  });

  describe('the report', () => {
    const figures = (errors: number, firstError?: string): LoadFigures => ({
      requests: 100,
      errors,
      p50: 1,
      p95: 2,
      p99: 3,
      requestsPerSecond: 50,
      ...(firstError ? { firstError } : {}),
    });

    it('says the first error of every measurement that counted errors', () => {
      const report: BenchReport = {
        date: '2026-11-30T12:00:00.000Z',
        machine: { cpus: 2, cpuModel: 'test', memoryGb: 1, node: 'v20' },
        options: { dataset: DEFAULT_DATASET, demo: true, concurrency: [1], requests: 100, imports: null, quick: true },
        demoSize: { concepts: 442, mappings: 953 },
        loadSeconds: 1,
        changes: 0,
        scenarios: [
          {
            name: 'translate',
            kind: 'single',
            concurrency: 1,
            clients: 1,
            api: figures(3, 'unexpected answer to translate SI-X/2'),
            pg: figures(0),
            ceilingRps: 100,
            apiPeakMb: 100,
          },
          {
            name: 'crosswalk',
            kind: 'single',
            concurrency: 1,
            clients: 1,
            api: figures(0),
            pg: figures(0),
            ceilingRps: 100,
            apiPeakMb: 100,
          },
        ],
        importWhileReading: {
          rows: 10,
          importSeconds: 1,
          uploadRows: 10,
          uploadSeconds: 1,
          reads: [
            {
              name: 'translate',
              clients: 4,
              idle: figures(1, 'HTTP 500: idle'),
              duringImport: figures(2, 'HTTP 503'),
              duringUpload: figures(0),
            },
          ],
        },
        imports: [],
        apiPeakMb: 100,
      };
      const table = markdown(report);
      expect(table).toContain('the demo dictionary (442 concepts, 953 mappings)');
      expect(table).toContain('| translate | 4 | 1.0 | 2.0 | 1.0 | 2.0 | 1.0× | 1.0 | 2.0 | 1.0× | 3 |');
      expect(table.split('\n').filter((line) => line.startsWith('- '))).toEqual([
        '- translate × 1: 3 errors; the first: `unexpected answer to translate SI-X/2`',
        '- translate while importing: 3 errors; the first: `HTTP 500: idle`',
      ]);
    });
  });
});
