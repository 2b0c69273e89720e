import { Injectable } from '@nestjs/common';
import { Readable } from 'node:stream';
import { notFound, RequestContext } from '@lexique/core';
import { visibilityOf } from '@lexique/vocabulary';
import { conceptCsvHeader, conceptCsvRow, conceptCsvTemplate } from '../formats/csv/concepts-csv';
import { mappingCsvHeader, mappingCsvRow, mappingCsvTemplate } from '../formats/csv/mappings-csv';
import { systemCsvHeader, systemCsvRow } from '../formats/csv/systems-csv';
import { FORMATS, InterchangeFormat } from '../formats/interchange-format';
import { JSONLD_FOOTER, jsonLdConcept, jsonLdHeader, jsonLdScheme } from '../formats/skos/skos-jsonld-writer';
import { turtleConcept, turtleHeader, turtleScheme } from '../formats/skos/skos-turtle-writer';
import { sssomHeader, sssomPrefixes, sssomRow } from '../formats/sssom/sssom-tsv';
import { ConceptRecord, MappingRecord } from '../records';
import { EXPORT_PAGE, ExportRepository } from './export.repository';

export interface ExportFile {
  fileName: string;
  contentType: string;
  /** The file, in pieces, produced as it is read: one page of rows at a time. */
  body: AsyncIterable<string>;
}

/**
 * Writes the dictionary in the interchange formats, streamed: the caller
 * pulls pieces and the rows are read page by page. What is exported is what
 * the caller may read (published and deprecated entries for readers).
 */
@Injectable()
export class ExportService {
  constructor(private readonly rows: ExportRepository) {}

  /** The spreadsheet templates a steward fills in: French headers and an example row. */
  template(name: string): ExportFile {
    const templates: Record<string, () => string> = { 'concepts.csv': conceptCsvTemplate, 'mappings.csv': mappingCsvTemplate };
    const file = templates[name.toLowerCase()];
    if (!file) throw notFound(`No template named "${name}" (templates: ${Object.keys(templates).join(', ')})`);
    return { fileName: `modele-${name.toLowerCase()}`, contentType: 'text/csv; charset=utf-8', body: toAsync([file()]) };
  }

  async export(
    ctx: RequestContext,
    format: InterchangeFormat,
    scope: { domain?: string | null; system?: string | null },
  ): Promise<ExportFile> {
    const info = FORMATS[format];
    if (info.content === 'concepts') {
      const domain = scope.domain?.trim().toUpperCase() || null;
      const domains = await this.rows.domains(domain ? [domain] : null);
      if (domain && !domains.length) throw notFound(`Unknown domain "${scope.domain}"`, 'domain');
      const concepts = this.concepts(ctx, domain);
      const body =
        format === InterchangeFormat.SKOS_TURTLE
          ? prepend(turtleHeader() + domains.map(turtleScheme).join(''), map(concepts, turtleConcept))
          : format === InterchangeFormat.SKOS_JSONLD
            ? prepend(
                jsonLdHeader() + domains.map(jsonLdScheme).join(',\n'),
                append(map(concepts, separated(domains.length > 0, jsonLdConcept)), JSONLD_FOOTER),
              )
            : prepend(conceptCsvHeader(), map(concepts, conceptCsvRow));
      return { fileName: `${domain ?? 'concepts'}${info.extension}`, contentType: info.contentType, body };
    }
    const system = scope.system?.trim().toUpperCase() || null;
    const systems = await this.rows.systems(system ? [system] : null);
    if (system && !systems.length) throw notFound(`Unknown information system "${scope.system}"`, 'system');
    if (info.content === 'systems') {
      return {
        fileName: `systems${info.extension}`,
        contentType: info.contentType,
        body: prepend(systemCsvHeader(), map(toAsync(systems), systemCsvRow)),
      };
    }
    const mappings = this.mappings(ctx, system);
    const codes = systems.map((s) => s.code);
    const body =
      format === InterchangeFormat.SSSOM_TSV
        ? prepend(
            sssomHeader(codes, system ? `Correspondances du système ${system}` : 'Correspondances des systèmes'),
            map(mappings, sssomRows(codes)),
          )
        : prepend(mappingCsvHeader(), map(mappings, mappingCsvRow));
    return { fileName: `${system ?? 'mappings'}${info.extension}`, contentType: info.contentType, body };
  }

  private async *concepts(ctx: RequestContext, domain: string | null): AsyncGenerator<ConceptRecord> {
    const visibility = visibilityOf(ctx.principal);
    let after: { domain: string; code: string } | null = null;
    for (;;) {
      const page = await this.rows.conceptPage(visibility, domain, after);
      yield* page;
      if (page.length < EXPORT_PAGE) return;
      after = { domain: page.at(-1)!.domain, code: page.at(-1)!.code };
    }
  }

  private async *mappings(ctx: RequestContext, system: string | null): AsyncGenerator<MappingRecord> {
    const visibility = visibilityOf(ctx.principal);
    let after: { system: string; key: string; id: string } | null = null;
    for (;;) {
      const page = await this.rows.mappingPage(visibility, system, after);
      yield* page;
      if (page.length < EXPORT_PAGE) return;
      const last = page.at(-1)!;
      after = { system: last.system, key: last.key, id: last.id };
    }
  }
}

async function* map<T>(items: AsyncIterable<T>, write: (item: T) => string): AsyncGenerator<string> {
  let chunk = '';
  for await (const item of items) {
    chunk += write(item);
    // a few dozen kilobytes per piece: fewer writes, still a small buffer
    if (chunk.length > 64_000) {
      yield chunk;
      chunk = '';
    }
  }
  if (chunk) yield chunk;
}

/** JSON-LD nodes joined by commas, the first one preceded by a comma only when schemes came before. */
function separated(afterSchemes: boolean, write: (concept: ConceptRecord) => string): (concept: ConceptRecord) => string {
  let first = !afterSchemes;
  return (concept) => {
    const node = (first ? '' : ',\n') + write(concept);
    first = false;
    return node;
  };
}

function sssomRows(systems: string[]): (mapping: MappingRecord) => string {
  const prefixOf = sssomPrefixes(systems);
  return (mapping) => sssomRow(mapping, prefixOf);
}

async function* prepend(head: string, rest: AsyncIterable<string>): AsyncGenerator<string> {
  yield head;
  yield* rest;
}

async function* append(rest: AsyncIterable<string>, tail: string): AsyncGenerator<string> {
  yield* rest;
  yield tail;
}

function toAsync<T>(items: T[]): AsyncIterable<T> {
  return Readable.from(items) as AsyncIterable<T>;
}
