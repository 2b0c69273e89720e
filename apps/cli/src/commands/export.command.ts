import * as fs from 'node:fs';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { systemContext } from '@lexique/core';
import { ExportService, resolveFormat } from '@lexique/interchange';
import { cliPrincipal } from '../cli-principal';
import { Command, UsageError } from '../command';

export const exportCommand: Command = {
  name: 'export',
  summary: 'export concepts (SKOS, CSV), mappings (SSSOM, CSV) or systems to a file or stdout',
  usage:
    'lexique export --format ttl|jsonld|csv|sssom|mappings-csv|systems-csv [--domain FIN] [--system SI-MER-FIN] [--out file] [--token <jwt>]',
  options: {
    format: { type: 'string' },
    domain: { type: 'string' },
    system: { type: 'string' },
    out: { type: 'string' },
    token: { type: 'string' },
  },
  async run(env, values) {
    const out = values.out as string | undefined;
    if (!values.format && !out)
      throw new UsageError(`Name the format (--format) or an output file whose extension tells it.\nUsage: ${exportCommand.usage}`);
    const format = resolveFormat(out ?? '', values.format as string | undefined);
    const principal = await cliPrincipal(env, values.token);
    const file = await (await env.services()).get(ExportService).export(systemContext('cli:export', principal), format, {
      domain: values.domain as string | undefined,
      system: values.system as string | undefined,
    });
    if (out) {
      await pipeline(Readable.from(file.body), fs.createWriteStream(out));
      env.print(`Wrote ${out}.`);
    } else {
      await pipeline(Readable.from(file.body), process.stdout, { end: false });
    }
  },
};
