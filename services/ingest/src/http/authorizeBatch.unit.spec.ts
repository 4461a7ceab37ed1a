import type { ApiKeyGrant } from '../keys/ApiKeyDirectory';
import { authorizeBatch } from './authorizeBatch';
import { validateBatch } from './validateBatch';

const now = Date.parse('2026-11-25T12:00:00Z');
const at = '2026-11-25T11:59:00Z';
const grant = (kind: ApiKeyGrant['kind'], scopes: string[]): ApiKeyGrant => ({ keyId: 'key_000000000001', source: 'web', kind, scopes: new Set(scopes), origins: new Set() });

describe('authorizeBatch', () => {
  const posted = [
    { type: 'page_viewed', occurredAt: at, anonymousId: 'v-1', payload: { url: '/pricing' } },
    { type: 'demo_requested', occurredAt: at, leadId: 'lead-1', payload: {} },
    { type: 'page_viewed', occurredAt: 'never', anonymousId: 'v-1', payload: { url: '/pricing' } },
    { type: 'page_viewed', occurredAt: at, leadId: 'lead-1', payload: { url: '/docs' } },
  ];

  it('given a secret key scoped to page views, refuses the demo request per event and keeps the invalid one as invalid', () => {
    const batch = authorizeBatch(validateBatch(posted, 'web', now, () => crypto.randomUUID()), grant('secret', ['page_viewed']));

    expect(batch.accepted.map((e) => e.index)).toEqual([0, 3]);
    expect(batch.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'forbidden_event_type'],
      [2, 'invalid'],
    ]);
  });

  it('given a publishable key, refuses activity about a known lead', () => {
    const batch = authorizeBatch(validateBatch(posted, 'site', now, () => crypto.randomUUID()), grant('publishable', ['page_viewed']));

    expect(batch.accepted.map((e) => e.index)).toEqual([0]);
    expect(batch.rejected.map((r) => [r.index, r.code])).toEqual([
      [1, 'forbidden_event_type'],
      [2, 'invalid'],
      [3, 'forbidden_subject'],
    ]);
  });
});
