import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the one writer of concepts needs in SQL:
 * - `label_key`, how preferred labels are compared for uniqueness: as search
 *   compares text, case and accents folded and spaces collapsed, so that
 *   "Budget primitif" and "budget PRIMITIF" are the same label;
 * - `concept_patch`, how a write's patch applies to a concept's snapshot:
 *   a key left out keeps the field; in texts by language a language left out
 *   keeps its value and a null clears it; any other key replaces the field.
 */
export class OneWriter1764310000000 implements MigrationInterface {
  name = 'OneWriter1764310000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE FUNCTION label_key(value text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT lower(public.unaccent('public.unaccent'::regdictionary, regexp_replace(btrim(coalesce(value, '')), '\\s+', ' ', 'g')))
      $$`);
    await db.query(`
      CREATE FUNCTION concept_patch(base jsonb, patch jsonb) RETURNS jsonb LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
        SELECT base
          || (patch - 'prefLabel' - 'altLabels' - 'definition' - 'scopeNote' - 'narrower')
          || jsonb_strip_nulls(jsonb_build_object(
               'prefLabel', CASE WHEN patch ? 'prefLabel' THEN jsonb_strip_nulls(coalesce(base -> 'prefLabel', '{}') || (patch -> 'prefLabel')) END,
               'altLabels', CASE WHEN patch ? 'altLabels' THEN jsonb_strip_nulls(coalesce(base -> 'altLabels', '{}') || (patch -> 'altLabels')) END,
               'definition', CASE WHEN patch ? 'definition' THEN jsonb_strip_nulls(coalesce(base -> 'definition', '{}') || (patch -> 'definition')) END,
               'scopeNote', CASE WHEN patch ? 'scopeNote' THEN jsonb_strip_nulls(coalesce(base -> 'scopeNote', '{}') || (patch -> 'scopeNote')) END))
      $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DROP FUNCTION concept_patch(jsonb, jsonb)`);
    await db.query(`DROP FUNCTION label_key(text)`);
  }
}
