/**
 * Closed-loop load: `concurrency` clients each send their next request as soon
 * as the previous one answers, until `requests` have been sent. The same loop
 * drives the API over HTTP and the `pg` floors, so their figures compare.
 */
export interface LoadFigures {
  requests: number;
  errors: number;
  p50: number;
  p95: number;
  p99: number;
  requestsPerSecond: number;
  /** The first failure's message (a thrown error's, or the request of the first answer that failed its check), to tell a timeout from a refusal. */
  firstError?: string;
}

/**
 * One unit of work; resolves to whether it succeeded. `i` is the request's
 * number, for picking inputs. An operation that can say why it failed throws
 * an error saying so (see `expectAnswer`).
 */
export type Operation = (i: number) => Promise<boolean>;

/** Passes an answer that is the one expected; otherwise throws an error that shows it, which the run records as its first error. */
export function expectAnswer(ok: boolean, request: string, answer: unknown): true {
  if (!ok) throw new Error(`unexpected answer to ${request}: ${JSON.stringify(answer).slice(0, 300)}`);
  return true;
}

export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)];
}

export function runLoad(operation: Operation, concurrency: number, requests: number): Promise<LoadFigures> {
  return closedLoop(operation, concurrency, (sent) => sent < requests);
}

/** The same loop, sending until `keepGoing` says stop (e.g. while an import runs). */
export function runWhile(operation: Operation, concurrency: number, keepGoing: () => boolean): Promise<LoadFigures> {
  return closedLoop(operation, concurrency, () => keepGoing());
}

async function closedLoop(operation: Operation, concurrency: number, more: (sent: number) => boolean): Promise<LoadFigures> {
  const latencies: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let next = 0;
  const started = process.hrtime.bigint();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (more(next)) {
        const i = next++;
        const begun = process.hrtime.bigint();
        let ok = false;
        try {
          ok = await operation(i);
          // an operation that only says no leaves a trace too: a count of errors with no cause went unexplained before
          if (!ok) firstError ??= `request ${i}: the answer failed the scenario's check`;
        } catch (error) {
          firstError ??= (error as Error).message;
        }
        latencies.push(Number(process.hrtime.bigint() - begun) / 1e6);
        if (!ok) errors += 1;
      }
    }),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const sorted = latencies.sort((a, b) => a - b);
  return {
    requests: sorted.length,
    errors,
    p50: percentile(sorted, 50),
    p95: percentile(sorted, 95),
    p99: percentile(sorted, 99),
    requestsPerSecond: sorted.length / seconds,
    ...(firstError ? { firstError } : {}),
  };
}
