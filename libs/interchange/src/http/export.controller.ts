import { Controller, Get, Param, Res, UseFilters } from '@nestjs/common';
import type { Response } from 'express';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { Allow, Ctx } from '@lexique/access';
import { notFound, RequestContext, Role } from '@lexique/core';
import { InterchangeFormat } from '../formats/interchange-format';
import { ExportService } from '../export/export.service';
import { DomainErrorHttpFilter } from './domain-error.filter';

const CONCEPT_FILES: Record<string, InterchangeFormat> = {
  ttl: InterchangeFormat.SKOS_TURTLE,
  jsonld: InterchangeFormat.SKOS_JSONLD,
  csv: InterchangeFormat.CONCEPTS_CSV,
};
const MAPPING_FILES: Record<string, InterchangeFormat> = {
  'sssom.tsv': InterchangeFormat.SSSOM_TSV,
  csv: InterchangeFormat.MAPPINGS_CSV,
};

/**
 * Downloads: `/export/concepts/FIN.ttl`, `.jsonld`, `.csv`;
 * `/export/mappings/SI-MER-FIN.sssom.tsv`, `.csv`. Streamed page by page;
 * anyone who may read the dictionary may download what they may read.
 * `/export/templates/concepts.csv` and `mappings.csv`: empty spreadsheets
 * with French headers, for imports.
 */
@Controller('export')
@UseFilters(DomainErrorHttpFilter)
export class ExportController {
  constructor(private readonly exports: ExportService) {}

  @Get('concepts/:file')
  @Allow(Role.READER)
  async concepts(@Ctx() ctx: RequestContext, @Param('file') file: string, @Res() res: Response) {
    const [domain, format] = split(file, CONCEPT_FILES);
    await this.send(res, await this.exports.export(ctx, format, { domain }));
  }

  @Get('mappings/:file')
  @Allow(Role.READER)
  async mappings(@Ctx() ctx: RequestContext, @Param('file') file: string, @Res() res: Response) {
    const [system, format] = split(file, MAPPING_FILES);
    await this.send(res, await this.exports.export(ctx, format, { system }));
  }

  @Get('templates/:file')
  @Allow(Role.READER)
  async template(@Param('file') file: string, @Res() res: Response) {
    await this.send(res, this.exports.template(file));
  }

  private async send(res: Response, file: Awaited<ReturnType<ExportService['export']>>) {
    res.status(200);
    res.setHeader('Content-Type', file.contentType);
    res.setHeader('Content-Disposition', `attachment; filename="${file.fileName}"`);
    await pipeline(Readable.from(file.body), res);
  }
}

function split(file: string, formats: Record<string, InterchangeFormat>): [string, InterchangeFormat] {
  for (const [extension, format] of Object.entries(formats)) {
    if (file.toLowerCase().endsWith(`.${extension}`) && file.length > extension.length + 1)
      return [file.slice(0, -extension.length - 1), format];
  }
  throw notFound(`No export named "${file}" (extensions: ${Object.keys(formats).join(', ')})`);
}
