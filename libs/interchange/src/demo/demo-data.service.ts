import { Injectable, Logger } from '@nestjs/common';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { DataSource } from 'typeorm';
import { projectRoot, RequestContext } from '@lexique/core';
import { MappingDocument, MappingsSeeder, SystemDocument } from '@lexique/mappings';
import { ConceptDocument, DomainDocument, VocabularySeeder } from '@lexique/vocabulary';

export interface DemoVocabulary {
  domains: DomainDocument[];
  concepts: ConceptDocument[];
  systems: SystemDocument[];
  mappings: MappingDocument[];
}

export interface SeedReport {
  seeded: boolean;
  domains: number;
  concepts: number;
  systems: number;
  mappings: number;
}

/** Tables the demo fills, children first, so that --force can empty them. */
const DICTIONARY_TABLES = ['mapping', 'information_system', 'concept_related', 'concept_broader', 'concept', 'domain'];

const EMPTY_QUERY = `SELECT NOT EXISTS (SELECT 1 FROM domain) AND NOT EXISTS (SELECT 1 FROM concept) AS empty`;

/**
 * Loads the demo dictionary of Bordeaux Métropole (demo/vocabulary.json) into
 * an empty database, in one transaction with its change rows.
 */
@Injectable()
export class DemoDataService {
  private readonly logger = new Logger(DemoDataService.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly vocabulary: VocabularySeeder,
    private readonly mappings: MappingsSeeder,
  ) {}

  async isEmpty(): Promise<boolean> {
    const [row]: { empty: boolean }[] = await this.dataSource.query(EMPTY_QUERY);
    return row.empty;
  }

  /** Seeds an empty database; refuses a non-empty one unless `force`, which first empties the dictionary. */
  async seed(ctx: RequestContext, options: { force?: boolean; file?: string } = {}): Promise<SeedReport> {
    const data = readDemoVocabulary(options.file);
    return this.dataSource.transaction(async (manager) => {
      // Serialise concurrent seeders (two replicas starting at once).
      await manager.query(`SELECT pg_advisory_xact_lock(hashtext('lexique:seed'))`);
      const [row]: { empty: boolean }[] = await manager.query(EMPTY_QUERY);
      if (!row.empty) {
        if (!options.force) return { seeded: false, domains: 0, concepts: 0, systems: 0, mappings: 0 };
        await manager.query(`TRUNCATE ${DICTIONARY_TABLES.join(', ')} CASCADE`);
      }
      const vocabulary = await this.vocabulary.seed(manager, ctx, data.domains, data.concepts, 'demo data');
      const mappings = await this.mappings.seed(manager, ctx, data.systems, data.mappings, 'demo data');
      const report = { seeded: true, ...vocabulary, ...mappings };
      this.logger.log(`Loaded the demo dictionary: ${describeSeed(report)}`);
      return report;
    });
  }
}

export function readDemoVocabulary(file = path.join(projectRoot(), 'demo', 'vocabulary.json')): DemoVocabulary {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as DemoVocabulary;
}

export function describeSeed(report: SeedReport): string {
  return `${report.domains} domains, ${report.concepts} concepts, ${report.systems} systems, ${report.mappings} mappings`;
}
