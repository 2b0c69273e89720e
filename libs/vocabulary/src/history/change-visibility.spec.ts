import { ANONYMOUS_PRINCIPAL, Principal, Role } from '@lexique/core';
import { ChangeRow } from '@lexique/database';
import { visibleChange } from './change-visibility';

const row = (
  action: string,
  before: unknown,
  after: unknown,
  domain: string | null = 'FIN',
  entityType: ChangeRow['entityType'] = 'CONCEPT',
): ChangeRow => ({
  seq: '1',
  txid: '1',
  at: new Date(0),
  principal: 'user:alice',
  entityType,
  entityId: 'id',
  entityKey: 'FIN-0001',
  domain,
  action,
  before,
  after,
  reason: null,
});
const integrator: Principal = { ...ANONYMOUS_PRINCIPAL, id: 'user:i', roles: [Role.INTEGRATOR] };
const steward: Principal = { id: 'user:s', name: 's', kind: 'user', roles: [Role.STEWARD], stewardDomains: ['FIN'] };
const draft = { code: 'FIN-0001', status: 'DRAFT', hiddenLabels: ['budjet'] };
const published = { code: 'FIN-0001', status: 'PUBLISHED', hiddenLabels: ['budjet'] };

describe('visibleChange', () => {
  it('shows everything to stewards of the domain', () => {
    const change = row('CREATE', null, draft);
    expect(visibleChange(steward, change)).toBe(change);
  });

  it('hides drafts, reviews and proposals from others', () => {
    expect(visibleChange(integrator, row('CREATE', null, draft))).toBeNull();
    expect(visibleChange(integrator, row('SUBMIT', draft, { ...draft, status: 'IN_REVIEW' }))).toBeNull();
    expect(visibleChange(integrator, row('PROPOSE_REVISION', published, published))).toBeNull();
    expect(visibleChange({ ...steward, stewardDomains: ['RH'] }, row('CREATE', null, draft))).toBeNull();
  });

  it('shows a publication as an appearance and a withdrawal as a disappearance, without hidden labels', () => {
    expect(visibleChange(integrator, row('APPROVE', { ...draft, status: 'IN_REVIEW' }, published))).toMatchObject({
      before: null,
      after: { code: 'FIN-0001', status: 'PUBLISHED' },
    });
    expect(visibleChange(integrator, row('RESTORE', { ...published, status: 'DEPRECATED' }, draft))).toMatchObject({
      before: { status: 'DEPRECATED' },
      after: null,
    });
    expect(JSON.stringify(visibleChange(integrator, row('APPROVE_REVISION', published, published)))).not.toContain('budjet');
  });

  it('shows changes of domains and systems to everyone, whatever their status says', () => {
    const domain = row('UPDATE', { code: 'FIN' }, { code: 'FIN', requiresReview: false }, 'FIN', 'DOMAIN');
    expect(visibleChange(integrator, domain)).toBe(domain);
    const system = row('UPDATE', { code: 'SIRH', status: 'ACTIVE' }, { code: 'SIRH', status: 'RETIRING' }, null, 'SYSTEM');
    expect(visibleChange(ANONYMOUS_PRINCIPAL, system)).toBe(system);
  });
});
