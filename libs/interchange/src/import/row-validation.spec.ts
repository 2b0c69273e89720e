import { Role } from '@lexique/core';
import { PublicationPolicy } from './publication-policy';
import { validateConcept, validateMapping } from './row-validation';

describe('row validation', () => {
  it('normalises a concept and names every faulty field', () => {
    const concept = {
      code: ' fin-0042 ',
      domain: 'fin',
      status: 'published',
      prefLabel: { fr: '  Budget   vert ' },
      broader: ['fin-0001', 'FIN-0001'],
    };
    expect(validateConcept(concept)).toEqual([]);
    expect(concept).toMatchObject({
      code: 'FIN-0042',
      domain: 'FIN',
      status: 'PUBLISHED',
      prefLabel: { fr: 'Budget vert' },
      broader: ['FIN-0001'],
    });
    expect(
      validateConcept({
        code: 'RH-1',
        domain: 'FIN',
        status: 'GONE',
        prefLabel: { en: 'x', de: 'y' } as Record<string, string>,
        related: ['RH-1'],
      }),
    ).toEqual([
      { field: 'code', message: 'The code must start with the code of its domain, "FIN-"' },
      { field: 'status', message: expect.stringContaining('"GONE" is not a status') },
      { field: 'prefLabel@de', message: expect.stringContaining('Unknown language "de"') },
      { field: 'prefLabel@fr', message: 'Every concept has a French preferred label' },
      { field: 'related', message: 'A concept cannot be related to itself' },
    ]);
  });

  it('checks a mapping: relation, concept, dates, confidence', () => {
    expect(validateMapping({ system: 'si-mer-fin', localCode: ' 0412 ', relation: 'exact', concept: 'fin-0001', confidence: 0.9 })).toEqual(
      [],
    );
    expect(
      validateMapping({
        system: 'SI-A',
        localCode: 'X',
        relation: 'UNMAPPED',
        concept: 'FIN-0001',
        validFrom: '2026-13-01',
        confidence: 2,
      }),
    ).toEqual([
      { field: 'concept', message: 'An UNMAPPED code has no concept' },
      { field: 'validFrom', message: '"2026-13-01" is not a date (YYYY-MM-DD)' },
      { field: 'confidence', message: 'The confidence is a number between 0 and 1' },
    ]);
  });
});

describe('publication policy', () => {
  const review = (domain: string) => domain !== 'NUM';
  const steward = new PublicationPolicy(
    { id: 'user:a', name: 'a', kind: 'user', roles: [Role.STEWARD], stewardDomains: ['FIN', 'NUM'] },
    review,
  );
  const admin = new PublicationPolicy({ id: 'cli:a', name: 'a', kind: 'system', roles: [Role.ADMIN], stewardDomains: [] }, review);

  it('lets stewards publish only where the domain needs no review; admins everywhere', () => {
    expect(steward.mayPublish('FIN')).toBe(false);
    expect(steward.mayPublish('NUM')).toBe(true);
    expect(admin.mayPublish('FIN')).toBe(true);
    expect(steward.mayWrite('RH')).toBe(false);
  });

  it('never downgrades a public entry, and keeps review for published ones', () => {
    expect(admin.refusal('FIN', 'PUBLISHED', 'DRAFT')).toMatch(/does not take it back to DRAFT/);
    expect(admin.refusal('FIN', 'DEPRECATED', 'PUBLISHED')).toMatch(/does not take it back/);
    expect(admin.refusal('FIN', 'PUBLISHED', 'DEPRECATED')).toBeNull();
    expect(steward.refusal('FIN', 'PUBLISHED', 'PUBLISHED')).toMatch(/requires review/);
    expect(steward.refusal('NUM', 'PUBLISHED', 'PUBLISHED')).toBeNull();
    expect(steward.refusal('FIN', 'DRAFT', 'IN_REVIEW')).toBeNull();
    expect(steward.refusal('FIN', 'IN_REVIEW', 'PUBLISHED')).toMatch(/another person's approval/);
  });
});
