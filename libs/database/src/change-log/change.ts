/** What the change log knows how to record. */
export type ChangeEntityType = 'DOMAIN' | 'CONCEPT' | 'SYSTEM' | 'MAPPING' | 'API_KEY';

export interface ChangeRecord {
  principal: string;
  entityType: ChangeEntityType;
  entityId: string;
  /** Human key: concept code, `SYSTEM/localCode`… */
  entityKey: string;
  domain?: string | null;
  /** CREATE, UPDATE, SUBMIT, APPROVE, REJECT, DEPRECATE, DELETE… */
  action: string;
  before?: unknown;
  after?: unknown;
  reason?: string | null;
}

export interface ChangeRow {
  seq: string;
  txid: string;
  at: Date;
  principal: string;
  entityType: ChangeEntityType;
  entityId: string;
  entityKey: string;
  domain: string | null;
  action: string;
  before: unknown;
  after: unknown;
  reason: string | null;
}
