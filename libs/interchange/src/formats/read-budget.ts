import { setImmediate as nextTurn } from 'node:timers/promises';
import { FileReader, ParsedItem, ParseProblem } from './parsed-item';

/**
 * What reading one file may cost. Files come from anyone with an upload
 * right, and some parsers slow down steeply on shapes no vocabulary has (a
 * 40 KB JSON-LD of arrays nested 400 deep once kept a process busy for ten
 * minutes): past a budget the file is refused with the reason.
 */
export interface ReadBudget {
  /** Deepest nesting of JSON arrays and objects; our JSON-LD nests 5 deep. */
  maxNesting: number;
  /** Longest record (a CSV row, a TSV line), in characters. */
  maxRecordLength: number;
  /** Time the parser may spend: this much, plus `msPerMegabyte` for every megabyte read so far. */
  graceMs: number;
  msPerMegabyte: number;
}

export const READ_BUDGET: ReadBudget = { maxNesting: 16, maxRecordLength: 1_000_000, graceMs: 10_000, msPerMegabyte: 20_000 };

/**
 * Text handed to a parser at a time: each slice is parsed in one go, so this
 * bounds how long the event loop waits for it, even on a slow shape.
 */
const SLICE = 16 * 1024;

/** Reading stopped because the file went past a budget; the problem says which. */
export class ReadBudgetExceeded extends Error {
  constructor(readonly problem: ParseProblem) {
    super(problem.message);
    this.name = 'ReadBudgetExceeded';
  }
}

/** A syntax error a parser throws rather than reports, turned into the file's problem. */
export class FileSyntaxError extends Error {
  constructor(readonly problem: ParseProblem) {
    super(problem.message);
    this.name = 'FileSyntaxError';
  }
}

/** The parser's time, counted only while the import waits for the next item (not while it stages rows). */
class ReadMeter {
  private characters = 0;
  private spentMs = 0;
  private since: number | null = null;

  constructor(private readonly budget: ReadBudget) {}

  resume() {
    this.since = performance.now();
  }

  pause() {
    if (this.since !== null) this.spentMs += performance.now() - this.since;
    this.since = null;
  }

  /** Slices of the text, with a turn of the event loop between them and the budget checked before each. */
  async *pace(text: AsyncIterable<string>): AsyncGenerator<string> {
    for await (const chunk of text) {
      for (let start = 0; start < chunk.length;) {
        let end = Math.min(chunk.length, start + SLICE);
        // never between the two halves of a surrogate pair
        if (end < chunk.length && /[\ud800-\udbff]/.test(chunk[end - 1])) end--;
        const slice = chunk.slice(start, end);
        start = end;
        this.check();
        this.characters += slice.length;
        yield slice;
        await nextTurn();
      }
    }
  }

  private check() {
    const spent = this.spentMs + (this.since === null ? 0 : performance.now() - this.since);
    const allowed = this.budget.graceMs + (this.characters / 1_000_000) * this.budget.msPerMegabyte;
    if (spent > allowed) {
      throw new ReadBudgetExceeded({
        subject: 'file',
        field: 'file',
        message:
          `Reading the file took more than ${Math.round(allowed / 1000)} s for its first ${(this.characters / 1_000_000).toFixed(1)} MB ` +
          `(the budget is ${this.budget.graceMs / 1000} s plus ${this.budget.msPerMegabyte / 1000} s per MB): ` +
          'its shape is too costly to read; split it, or export it again from its source',
      });
    }
  }
}

/**
 * A reader held to the budget: it gets its text in slices, with the event
 * loop free between them, and its time is metered. A budget exceeded, or a
 * syntax error its parser throws, ends the reading with one problem.
 */
export function budgeted(reader: FileReader, budget: ReadBudget = READ_BUDGET): FileReader {
  return async function* (text, options): AsyncGenerator<ParsedItem> {
    const meter = new ReadMeter(budget);
    const items = reader(meter.pace(text), options)[Symbol.asyncIterator]();
    try {
      for (;;) {
        meter.resume();
        const next = await items.next();
        meter.pause();
        if (next.done) return;
        yield next.value;
      }
    } catch (error) {
      if (error instanceof ReadBudgetExceeded || error instanceof FileSyntaxError) yield { kind: 'problem', problem: error.problem };
      else throw error;
    }
  };
}

/**
 * Passes JSON text through unchanged, refusing it once arrays and objects
 * nest deeper than the budget: counted on the characters, before the parser
 * does its costly work on them.
 */
export async function* nestingWithin(text: AsyncIterable<string>, maxNesting: number): AsyncGenerator<string> {
  let depth = 0;
  let line = 1;
  let inString = false;
  let escaped = false;
  for await (const chunk of text) {
    for (let i = 0; i < chunk.length; i++) {
      const c = chunk.charCodeAt(i);
      if (inString) {
        if (escaped) escaped = false;
        else if (c === 0x5c) escaped = true;
        else if (c === 0x22) inString = false;
      } else if (c === 0x22) inString = true;
      else if (c === 0x5b || c === 0x7b) {
        if (++depth > maxNesting) {
          throw new ReadBudgetExceeded({
            line,
            field: 'file',
            message: `Arrays and objects nest more than ${maxNesting} levels deep here; a SKOS vocabulary needs far fewer`,
          });
        }
      } else if (c === 0x5d || c === 0x7d) depth--;
      if (c === 0x0a) line++;
    }
    yield chunk;
  }
}
