import { BenchReport, ScenarioReport } from './bench';
import { firstReadError, readErrors } from './import-while-reading';

/** An aim of issue 8 and whether this run met it (null: not measurable at this run's size or concurrency). */
export interface AimResult {
  aim: string;
  measured: string;
  met: boolean | null;
}

const ms = (value: number) => (value >= 100 ? value.toFixed(0) : value.toFixed(1));
const find = (r: BenchReport, name: string, concurrency: number) =>
  r.scenarios.find((s) => s.name === name && s.concurrency === concurrency);

function judge(aim: string, value: number | undefined, format: (v: number) => string, ok: (v: number) => boolean): AimResult {
  return value === undefined || Number.isNaN(value)
    ? { aim, measured: 'not measured', met: null }
    : { aim, measured: format(value), met: ok(value) };
}

function judgeIf(
  applies: boolean,
  aim: string,
  value: number | undefined,
  format: (v: number) => string,
  ok: (v: number) => boolean,
): AimResult {
  const judged = judge(aim, value, format, ok);
  return applies ? judged : { ...judged, met: null };
}

export function aims(r: BenchReport): AimResult[] {
  const searches = (engine: string, concurrency: number) =>
    r.scenarios.filter((s) => s.kind === 'search' && s.engine === engine && s.concurrency === concurrency);
  const translate = r.scenarios.filter((s) => s.name === 'translate');
  const batches = r.scenarios.filter((s) => s.kind === 'batch' && s.concurrency === 1 && s.pg);
  const singles16 = r.scenarios.filter((s) => s.kind === 'single' && s.concurrency === 16);
  const worst = (list: ScenarioReport[], of: (s: ScenarioReport) => number, pick: 'max' | 'min') =>
    list.length === 0 ? undefined : Math[pick](...list.map(of));
  const demo = r.options.demo === true;
  const large = !demo && r.options.dataset.concepts >= 100_000;
  const fullSize = !demo && r.options.dataset.mappings >= 1_000_000;
  const translate1 = find(r, 'translate', 1)?.api.p50;
  return [
    judgeIf(
      large,
      'search on PostgreSQL p95 < 100 ms at 16 clients (100,000 concepts; worst of prefixes, words, typos)',
      worst(searches('postgresql', 16), (s) => s.api.p95, 'max'),
      (v) => `${ms(v)} ms`,
      (v) => v < 100,
    ),
    judgeIf(
      demo,
      "search on PostgreSQL p50 within 3× translate's at 1 client (demo dictionary; worst)",
      translate1 ? worst(searches('postgresql', 1), (s) => s.api.p50 / translate1, 'max') : undefined,
      (v) => `${v.toFixed(1)}×`,
      (v) => v <= 3,
    ),
    judgeIf(
      demo,
      "search on PostgreSQL at 16 clients ≥ half the empty query's rate (demo dictionary; worst)",
      worst(searches('postgresql', 16), (s) => s.api.requestsPerSecond / s.ceilingRps, 'min'),
      (v) => `${(v * 100).toFixed(0)} %`,
      (v) => v >= 0.5,
    ),
    judgeIf(
      large,
      'search on Meilisearch p95 < 50 ms at 16 clients (100,000 concepts; worst)',
      worst(searches('meilisearch', 16), (s) => s.api.p95, 'max'),
      (v) => `${ms(v)} ms`,
      (v) => v < 50,
    ),
    judge(
      "search through the API ≥ 60 % of Meilisearch's own rate for the same requests at 16 clients (worst)",
      worst(searches('meilisearch', 16), (s) => s.api.requestsPerSecond / s.pg!.requestsPerSecond, 'min'),
      (v) => `${(v * 100).toFixed(0)} %`,
      (v) => v >= 0.6,
    ),
    judgeIf(
      !demo,
      'translate p95 < 5 ms at 1 client',
      find(r, 'translate', 1)?.api.p95,
      (v) => `${ms(v)} ms`,
      (v) => v < 5,
    ),
    judgeIf(
      !demo,
      'translate > 2,000 requests/s (best concurrency)',
      worst(translate, (s) => s.api.requestsPerSecond, 'max'),
      (v) => `${v.toFixed(0)} req/s`,
      (v) => v > 2000,
    ),
    judge(
      'translateBatch of 1,000 codes < 50 ms (p50, 1 client)',
      find(r, 'translateBatch 1,000 codes', 1)?.api.p50,
      (v) => `${ms(v)} ms`,
      (v) => v < 50,
    ),
    judge(
      'batches within 2× the raw pg floor (p50, 1 client, worst)',
      worst(batches, (s) => s.api.p50 / s.pg!.p50, 'max'),
      (v) => `${v.toFixed(1)}×`,
      (v) => v <= 2,
    ),
    judge(
      'single lookups ≥ 60 % of the empty-query rate at 16 clients (worst)',
      worst(singles16, (s) => s.api.requestsPerSecond / s.ceilingRps, 'min'),
      (v) => `${(v * 100).toFixed(0)} %`,
      (v) => v >= 0.6,
    ),
    importWhileReadingAim(r),
    ...importAims(r),
    {
      aim: 'API memory < 500 MB with 1,000,000 mappings',
      measured: `${r.apiPeakMb.toFixed(0)} MB peak with ${demo ? 'the demo dictionary' : `${r.options.dataset.mappings.toLocaleString('en')} mappings`}`,
      met: fullSize ? r.apiPeakMb < 500 : null,
    },
  ];
}

/** The one writer stays set-based and fast: each import committed within a minute (issue 12). */
function importAims(r: BenchReport): AimResult[] {
  const conceptsFile = r.imports.find((i) => i.file.startsWith('concepts-'));
  const mappingsFile = r.imports.find((i) => i.file.startsWith('mappings-'));
  const measured = (i: BenchReport['imports'][number]) =>
    `${i.seconds.toFixed(1)} s for ${i.rows.toLocaleString('en')} rows (search documents then ${i.searchSeconds.toFixed(1)} s)`;
  return [
    conceptsFile
      ? {
          aim: '100,000 concepts imported in < 60 s',
          measured: measured(conceptsFile),
          met: conceptsFile.rows >= 100_000 ? conceptsFile.seconds < 60 : null,
        }
      : { aim: '100,000 concepts imported in < 60 s', measured: 'not measured', met: null },
    mappingsFile
      ? {
          aim: '1,000,000 mappings imported in < 60 s',
          measured: measured(mappingsFile),
          met: mappingsFile.rows >= 1_000_000 ? mappingsFile.seconds < 60 : null,
        }
      : { aim: '1,000,000 mappings imported in < 60 s', measured: 'not measured', met: null },
  ];
}

/** Readers first: lookups during a large import stay within three times their idle p95. */
function importWhileReadingAim(r: BenchReport): AimResult {
  const aim = 'concept and translate p95 during a 100,000-row CLI import and a 4 MB upload ≤ 3× idle (worst)';
  const w = r.importWhileReading;
  if (!w) return { aim, measured: 'not measured', met: null };
  const worst = Math.max(...w.reads.flatMap((read) => [read.duringImport.p95 / read.idle.p95, read.duringUpload.p95 / read.idle.p95]));
  return { aim, measured: `${worst.toFixed(1)}× with ${w.rows.toLocaleString('en')} rows`, met: w.rows >= 100_000 ? worst <= 3 : null };
}

/** The API's cost against its floor: rate share of the empty query for lookups, latency multiple of `pg` otherwise. */
function versusFloor(s: ScenarioReport): string {
  if (s.kind === 'ceiling') return 'ceiling';
  if (s.kind === 'single')
    return `${((s.api.requestsPerSecond / s.ceilingRps) * 100).toFixed(0)} % of ceiling; ${(s.api.p50 / s.pg!.p50).toFixed(1)}× pg`;
  if (s.kind === 'search' && s.pg)
    return `${((s.api.requestsPerSecond / s.pg.requestsPerSecond) * 100).toFixed(0)} % of the engine's rate; ${(s.api.p50 / s.pg.p50).toFixed(1)}× its p50`;
  return s.pg ? `${(s.api.p50 / s.pg.p50).toFixed(1)}× pg` : '';
}

export function markdown(r: BenchReport): string {
  const d = r.options.dataset;
  const lines = [
    `Run of ${r.date.slice(0, 16).replace('T', ' ')} UTC on ${r.machine.cpus} CPUs (${r.machine.cpuModel}), ${r.machine.memoryGb} GB, Node ${r.machine.node}` +
      (r.options.demo
        ? ` (shared machine); the demo dictionary${r.demoSize ? ` (${r.demoSize.concepts} concepts, ${r.demoSize.mappings} mappings)` : ''}`
        : ` (shared machine); ${d.concepts.toLocaleString('en')} concepts, ${d.systems} systems, ${d.mappings.toLocaleString('en')} mappings` +
          `, ${r.changes.toLocaleString('en')} changes`) +
      `${r.options.quick ? ' (quick mode)' : ''}` +
      `${r.options.meili ? '; search on PostgreSQL, then on Meilisearch' : '; search on PostgreSQL (MEILI_HOST not set)'}` +
      `${r.options.only ? `; only the scenarios matching ${r.options.only.map((part) => `"${part}"`).join(', ')}` : ''}` +
      '. Latencies in ms through HTTP; pg: the same work without the API (for searches, the engine itself: its statement with `pg`, or the same request sent to Meilisearch).',
    '',
    '| Scenario | Clients | p50 | p95 | p99 | req/s | Errors | pg p50 | pg req/s | API vs floor | API peak MB |',
    '|---|--:|--:|--:|--:|--:|--:|--:|--:|---|--:|',
    ...r.scenarios.map(
      (s) =>
        `| ${s.name} | ${s.clients} | ${ms(s.api.p50)} | ${ms(s.api.p95)} | ${ms(s.api.p99)} | ${s.api.requestsPerSecond.toFixed(0)} | ${s.api.errors} | ` +
        `${s.pg ? ms(s.pg.p50) : ''} | ${s.pg ? s.pg.requestsPerSecond.toFixed(0) : ''} | ${versusFloor(s)} | ${s.apiPeakMb.toFixed(0)} |`,
    ),
  ];
  if (r.imports.length > 0) {
    lines.push(
      '',
      '| Import (CLI) | Rows | Seconds to commit | Rows/s | Then search documents refreshed (s) | CLI peak MB |',
      '|---|--:|--:|--:|--:|--:|',
    );
    for (const i of r.imports)
      lines.push(
        `| ${i.file} | ${i.rows.toLocaleString('en')} | ${i.seconds.toFixed(1)} | ${i.rowsPerSecond.toLocaleString('en')} | ${i.searchSeconds.toFixed(1)} | ${i.peakRssMb} |`,
      );
  }
  if (r.importWhileReading) {
    const w = r.importWhileReading;
    lines.push(
      '',
      `| Import while reading (CLI: ${w.rows.toLocaleString('en')} concepts, ${w.importSeconds.toFixed(0)} s; upload: ${w.uploadRows.toLocaleString('en')} concepts, ${w.uploadSeconds.toFixed(0)} s) ` +
        '| Clients | Idle p50 | Idle p95 | CLI import p50 | CLI import p95 | × idle | Upload p50 | Upload p95 | × idle | Errors |',
      '|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|',
      ...w.reads.map(
        (read) =>
          `| ${read.name} | ${read.clients} | ${ms(read.idle.p50)} | ${ms(read.idle.p95)} | ${ms(read.duringImport.p50)} | ${ms(read.duringImport.p95)} | ` +
          `${(read.duringImport.p95 / read.idle.p95).toFixed(1)}× | ${ms(read.duringUpload.p50)} | ${ms(read.duringUpload.p95)} | ` +
          `${(read.duringUpload.p95 / read.idle.p95).toFixed(1)}× | ${readErrors(read)} |`,
      ),
    );
  }
  const failures = firstErrors(r);
  if (failures.length > 0) lines.push('', 'The first error of each measurement that counted errors:', '', ...failures);
  if (r.indexing) {
    const i = r.indexing;
    lines.push(
      '',
      '| Meilisearch index | Documents or changes | Seconds |',
      '|---|--:|--:|',
      `| built from scratch by the API's indexer (from the process's start) | ${i.documents.toLocaleString('en')} | ${i.buildSeconds.toFixed(1)} |`,
      `| import of concept changes with the CLI (PostgreSQL, in one transaction) | ${i.importChanges.toLocaleString('en')} | ${i.importSeconds.toFixed(1)} |`,
      `| the index caught up (from the import's commit) | ${i.importChanges.toLocaleString('en')} | ${i.catchUpSeconds.toFixed(1)} |`,
    );
  }
  lines.push('', '| Aim | Measured | Met |', '|---|---|---|');
  for (const a of aims(r))
    lines.push(`| ${a.aim} | ${a.measured} | ${a.met === null ? 'not judged at this size' : a.met ? 'yes' : '**no**'} |`);
  lines.push(
    '',
    `API process peak resident memory over the run: ${r.apiPeakMb.toFixed(0)} MB. Data set loaded in ${r.loadSeconds.toFixed(0)} s.`,
  );
  return lines.join('\n');
}

/** One line per measurement with errors, saying the first: a count with no cause explains nothing. */
function firstErrors(r: BenchReport): string[] {
  const line = (what: string, errors: number, first: string | undefined) =>
    `- ${what}: ${errors} errors; the first: ${first ? `\`${first.replace(/`/g, "'")}\`` : 'not recorded'}`;
  return [
    ...r.scenarios.flatMap((s) => [
      ...(s.api.errors > 0 ? [line(`${s.name} × ${s.clients}`, s.api.errors, s.api.firstError)] : []),
      ...(s.pg && s.pg.errors > 0 ? [line(`${s.name} × ${s.clients}, pg floor`, s.pg.errors, s.pg.firstError)] : []),
    ]),
    ...(r.importWhileReading?.reads ?? [])
      .filter((read) => readErrors(read) > 0)
      .map((read) => line(`${read.name} while importing`, readErrors(read), firstReadError(read))),
  ];
}
