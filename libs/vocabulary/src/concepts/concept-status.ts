export enum ConceptStatus {
  DRAFT = 'DRAFT',
  IN_REVIEW = 'IN_REVIEW',
  PUBLISHED = 'PUBLISHED',
  DEPRECATED = 'DEPRECATED',
}

/** What anyone allowed to read the dictionary sees; drafts and reviews stay with stewards. */
export const PUBLIC_STATUSES: readonly ConceptStatus[] = [ConceptStatus.PUBLISHED, ConceptStatus.DEPRECATED];
