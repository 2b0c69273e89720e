/**
 * How the concept relates to the local code (SKOS mapping relations, with the
 * local code as subject as in SSSOM): BROAD means the concept is broader than
 * the local code. UNMAPPED: the code is known and has no canonical equivalent.
 */
export enum MappingRelation {
  EXACT = 'EXACT',
  CLOSE = 'CLOSE',
  BROAD = 'BROAD',
  NARROW = 'NARROW',
  RELATED = 'RELATED',
  UNMAPPED = 'UNMAPPED',
}

export enum MappingStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  PUBLISHED = 'PUBLISHED',
}
