import { Client } from 'pg';
import { BENCH_DOMAINS, BenchConcept, DatasetOptions, generateConcepts, generateMappings, generateSystems } from './generate';

const CHUNK = 5000;

export interface LoadReport {
  concepts: number;
  mappings: number;
  seconds: number;
}

async function inChunks<T>(rows: Iterable<T>, size: number, write: (chunk: T[]) => Promise<void>) {
  let chunk: T[] = [];
  for (const row of rows) {
    chunk.push(row);
    if (chunk.length === size) {
      await write(chunk);
      chunk = [];
    }
  }
  if (chunk.length > 0) await write(chunk);
}

/**
 * Loads a generated dictionary into a migrated, empty database with set-based
 * statements (unnest), then builds the search documents in one pass: the
 * search triggers are paused during the load, as a bulk import would.
 */
export async function loadDataset(
  databaseUrl: string,
  options: DatasetOptions,
  log: (line: string) => void = () => undefined,
): Promise<LoadReport> {
  const started = Date.now();
  const db = new Client({ connectionString: databaseUrl });
  await db.connect();
  try {
    await db.query(`ALTER TABLE concept DISABLE TRIGGER USER`);
    await db.query(`ALTER TABLE mapping DISABLE TRIGGER USER`);
    await db.query(
      `INSERT INTO domain (code, label) SELECT d, jsonb_build_object('fr', 'Domaine ' || d) FROM unnest($1::text[]) AS d ON CONFLICT DO NOTHING`,
      [BENCH_DOMAINS],
    );
    const systems = generateSystems(options);
    await db.query(
      `INSERT INTO information_system (code, name, kind, owner_code, owner_name)
       SELECT c, n, 'APPLICATION', '243300316', 'Bordeaux Métropole' FROM unnest($1::text[], $2::text[]) AS t(c, n)`,
      [systems.map((s) => s.code), systems.map((s) => s.name)],
    );
    const ids: string[] = new Array<string>(options.concepts);
    await inChunks<BenchConcept>(generateConcepts(options), CHUNK, async (chunk) => {
      const { rows } = await db.query<{ id: string; code: string }>(
        `INSERT INTO concept (code, domain_code, status, pref_label, alt_labels, hidden_labels, acronyms, definition)
         SELECT code, domain, status,
           CASE WHEN en IS NULL THEN jsonb_build_object('fr', fr) ELSE jsonb_build_object('fr', fr, 'en', en) END,
           jsonb_build_object('fr', alt::jsonb), ARRAY(SELECT jsonb_array_elements_text(hidden::jsonb)),
           ARRAY(SELECT jsonb_array_elements_text(acr::jsonb)), jsonb_build_object('fr', def)
         FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[])
           AS t(code, domain, status, fr, en, alt, hidden, acr, def)
         RETURNING id, code`,
        [
          chunk.map((c) => c.code),
          chunk.map((c) => c.domain),
          chunk.map((c) => c.status),
          chunk.map((c) => c.prefLabel),
          chunk.map((c) => c.prefLabelEn),
          chunk.map((c) => JSON.stringify(c.altLabels)),
          chunk.map((c) => JSON.stringify(c.hiddenLabels)),
          chunk.map((c) => JSON.stringify(c.acronyms)),
          chunk.map((c) => c.definition),
        ],
      );
      // RETURNING order is not the input's: the code carries the concept's index.
      for (const row of rows) ids[Number(row.code.slice(row.code.indexOf('-') + 1))] = row.id;
    });
    log(`  ${ids.length} concepts in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    let mappings = 0;
    await inChunks(generateMappings(options), CHUNK * 4, async (chunk) => {
      await db.query(
        `INSERT INTO mapping (system_code, local_code, local_label, concept_id, relation)
         SELECT s, c, l, i, 'EXACT' FROM unnest($1::text[], $2::text[], $3::text[], $4::uuid[]) AS t(s, c, l, i)`,
        [chunk.map((m) => m.system), chunk.map((m) => m.localCode), chunk.map((m) => m.localLabel), chunk.map((m) => ids[m.concept])],
      );
      mappings += chunk.length;
    });
    log(`  ${mappings} mappings in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    // Fresh statistics, or the planner reads the bulk-loaded tables as empty.
    await db.query(`ANALYZE concept`);
    await db.query(`ANALYZE mapping`);
    for (let i = 0; i < ids.length; i += CHUNK * 2) {
      await db.query(`SELECT search_document_refresh($1::uuid[])`, [ids.slice(i, i + CHUNK * 2)]);
    }
    await db.query(`ALTER TABLE concept ENABLE TRIGGER USER`);
    await db.query(`ALTER TABLE mapping ENABLE TRIGGER USER`);
    await db.query(`VACUUM ANALYZE`);
    log(`  search documents in ${((Date.now() - started) / 1000).toFixed(1)} s`);
    return { concepts: ids.length, mappings, seconds: (Date.now() - started) / 1000 };
  } finally {
    await db.end();
  }
}
