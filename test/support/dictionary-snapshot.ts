import { Client } from 'pg';

/**
 * The whole dictionary as plain, sorted documents (concepts with relations by
 * code, systems, mappings), to compare two databases whatever their ids.
 */
export async function dictionarySnapshot(databaseUrl: string) {
  const sql = new Client({ connectionString: databaseUrl });
  await sql.connect();
  try {
    const domains = (await sql.query(`SELECT code, label, description FROM domain ORDER BY code`)).rows;
    const concepts = (
      await sql.query(`
        SELECT c.code, c.domain_code AS domain, c.status, c.pref_label AS "prefLabel", c.alt_labels AS "altLabels", c.acronyms,
          c.hidden_labels AS "hiddenLabels", c.definition, c.scope_note AS "scopeNote", c.source,
          ARRAY(SELECT b.code FROM concept_broader cb JOIN concept b ON b.id = cb.broader_id WHERE cb.concept_id = c.id ORDER BY b.code) AS broader,
          ARRAY(SELECT r.code FROM concept_related cr JOIN concept r ON r.id = cr.related_id WHERE cr.concept_id = c.id ORDER BY r.code) AS related,
          (SELECT code FROM concept WHERE id = c.replaced_by_id) AS "replacedBy"
        FROM concept c ORDER BY c.code`)
    ).rows;
    const systems = (await sql.query(`SELECT code, name, kind, owner_code, owner_name, status FROM information_system ORDER BY code`)).rows;
    const mappings = (
      await sql.query(`
        SELECT m.system_code AS system, m.local_code AS "localCode", m.local_label AS "localLabel", c.code AS concept, m.relation, m.note,
          m.valid_from::text AS "validFrom", m.valid_to::text AS "validTo", m.status, m.justification, m.confidence::float8 AS confidence
        FROM mapping m LEFT JOIN concept c ON c.id = m.concept_id ORDER BY m.system_code, m.local_code_key, m.valid_from NULLS FIRST`)
    ).rows;
    return { domains, concepts, systems, mappings };
  } finally {
    await sql.end();
  }
}
