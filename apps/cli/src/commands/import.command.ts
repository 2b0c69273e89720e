import * as fs from 'node:fs';
import { systemContext } from '@lexique/core';
import { migrate } from '@lexique/database';
import { charsetNamed, describeCounts, describeProblem, ImportService, resolveFormat } from '@lexique/interchange';
import { StaleDocumentsRepository } from '@lexique/search';
import { cliPrincipal } from '../cli-principal';
import { Command, UsageError } from '../command';
import { ProgressLine } from '../progress';

export const importCommand: Command = {
  name: 'import',
  summary: 'import concepts, mappings or systems from a file (all or nothing)',
  usage:
    'lexique import <file> [--format ttl|jsonld|csv|sssom|mappings-csv|systems-csv] [--charset utf-8|windows-1252] [--domain FIN] [--system SI-MER-FIN] [--dry-run] [--submit] [--token <jwt>]',
  options: {
    format: { type: 'string' },
    charset: { type: 'string' },
    domain: { type: 'string' },
    system: { type: 'string' },
    'dry-run': { type: 'boolean' },
    submit: { type: 'boolean' },
    token: { type: 'string' },
  },
  async run(env, values, positionals) {
    const [file] = positionals;
    if (!file || positionals.length > 1) throw new UsageError(`Give one file to import.\nUsage: ${importCommand.usage}`);
    if (!fs.existsSync(file)) throw new UsageError(`No file "${file}".`);
    const format = resolveFormat(file, values.format as string | undefined);
    // French Excel's "CSV (séparateur : point-virgule)" is Windows-1252
    const charset = charsetNamed((values.charset as string | undefined) ?? 'utf-8');
    if (!charset) throw new UsageError(`Unknown charset "${String(values.charset)}" (known: utf-8, windows-1252).`);
    await migrate(env.database.url);
    const principal = await cliPrincipal(env, values.token);
    const progress = new ProgressLine(fs.statSync(file).size);
    // counted as the import pulls them: a 'data' listener would let the stream flow ahead of the reader
    async function* counted() {
      for await (const chunk of fs.createReadStream(file, { highWaterMark: 256 * 1024 }) as AsyncIterable<Buffer>) {
        progress.read(chunk.length);
        yield chunk;
      }
    }
    const report = await (await env.services()).get(ImportService).import(systemContext(`cli:import`, principal), counted(), {
      format,
      fileName: file,
      dryRun: values['dry-run'] === true,
      submit: values.submit === true,
      charset,
      domain: values.domain as string | undefined,
      system: values.system as string | undefined,
      onProgress: (rows) => progress.rows(rows),
    });
    progress.done();
    for (const problem of report.problems) env.print(describeProblem(problem));
    if (report.problemCount > report.problems.length) env.print(`… and ${report.problemCount - report.problems.length} more problems`);
    const counts = `${report.rows} rows read; ${describeCounts(report)}${report.sentToReview ? `; ${report.sentToReview} new concepts sent to review` : ''}`;
    if (report.problemCount) {
      env.print(`${report.problemCount} problem(s): nothing imported. Would have been: ${counts}.`);
      process.exitCode = 1;
    } else if (report.dryRun) env.print(`Dry run, nothing written. Would be: ${counts}.`);
    else {
      env.print(`Imported ${file} as ${principal.id}: ${counts}.`);
      const stale = await (await env.services()).get(StaleDocumentsRepository).count();
      if (stale > 0) {
        env.print(
          `Search finds the ${stale} concepts it touched once the API has refreshed them in the background, or now with "lexique reindex".`,
        );
      }
    }
  },
};
