import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ChangeRow } from '@lexique/database';
import { MeiliConceptDocument, SearchDocumentRow, toMeiliDocument } from './meili-document';
import { DocumentSource } from './meili-indexer';
import { StaleDocumentsRepository } from '../postgres/stale-documents.repository';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `concept_id, code, domain_code, status, pref_label, labels_en, acronyms, alt_labels, hidden_labels, legacy_labels,
  legacy_codes, systems, definition`;

function conceptCodeOf(payload: unknown): string | undefined {
  const concept = (payload as { concept?: unknown } | null)?.concept;
  return typeof concept === 'string' ? concept : undefined;
}

/** Documents for the indexer and the rebuild, read from `search_document` (the PostgreSQL projection). */
@Injectable()
export class SearchDocumentSource implements DocumentSource {
  constructor(
    private readonly dataSource: DataSource,
    private readonly stale: StaleDocumentsRepository,
  ) {}

  async documentsFor(changes: ChangeRow[]): Promise<{ upserts: MeiliConceptDocument[]; removals: string[] }> {
    const conceptIds = changes.filter((c) => c.entityType === 'CONCEPT' && UUID.test(c.entityId)).map((c) => c.entityId);
    const mappings = changes.filter((c) => c.entityType === 'MAPPING');
    const mappingIds = mappings.map((c) => c.entityId).filter((id) => UUID.test(id));
    // A mapping moves between concepts: both the one it left and the one it joined change.
    const codes = mappings.flatMap((c) => [conceptCodeOf(c.before), conceptCodeOf(c.after)]).filter((code) => code !== undefined);
    const ids: { id: string }[] = await this.dataSource.query(
      `SELECT id::text FROM concept WHERE id = ANY($1::uuid[]) OR code = ANY($2::text[])
       UNION SELECT concept_id::text FROM mapping WHERE id = ANY($3::uuid[]) AND concept_id IS NOT NULL`,
      [conceptIds, codes, mappingIds],
    );
    const wanted = [...new Set([...conceptIds.map((id) => id.toLowerCase()), ...ids.map((row) => row.id)])];
    if (wanted.length === 0) return { upserts: [], removals: [] };
    // a large write may have left them to the refresher: they are read as their concepts are now
    await this.stale.refreshAmong(wanted);
    const rows: SearchDocumentRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM search_document WHERE concept_id = ANY($1::uuid[])`,
      [wanted],
    );
    const found = new Set(rows.map((row) => row.concept_id));
    return { upserts: rows.map(toMeiliDocument), removals: wanted.filter((id) => !found.has(id)) };
  }

  /** Every document, in pages ordered by concept id (for a rebuild), none left stale. */
  async *allDocuments(pageSize = 1000): AsyncGenerator<MeiliConceptDocument[]> {
    await this.stale.refreshAll();
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows: SearchDocumentRow[] = await this.dataSource.query(
        `SELECT ${COLUMNS} FROM search_document WHERE concept_id > $1::uuid ORDER BY concept_id LIMIT $2`,
        [after, pageSize],
      );
      if (rows.length === 0) return;
      yield rows.map(toMeiliDocument);
      after = rows[rows.length - 1].concept_id;
    }
  }
}
