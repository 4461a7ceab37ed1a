import type { ActivityEvent, LeadActivityEvent } from '@leadflow/schemas';
import { leadActivityOf } from './leadActivityOf';

const envelope = { eventId: '00000000-0000-4000-8000-000000000001', occurredAt: 1_000, receivedAt: 1_000, source: 'test' };
const view = (subject: { leadId?: string; anonymousId?: string }): ActivityEvent => ({ ...envelope, ...subject, type: 'page_viewed', payload: { url: '/pricing' } });

describe('leadActivityOf', () => {
  it('takes an event that carries its lead id as that lead’s activity, visitor id or not', () => {
    const event = view({ leadId: 'vera', anonymousId: 'v-1' });

    expect(leadActivityOf(event)).toBe(event);
  });

  it('leaves an event only a visitor names to stitching', () => {
    expect(leadActivityOf(view({ anonymousId: 'v-1' }))).toBeUndefined();
  });

  it('gives an identification to the lead it names', () => {
    const identification: ActivityEvent = { ...envelope, anonymousId: 'v-1', type: 'lead_identified', payload: { anonymousId: 'v-1', leadId: 'nadia' } };

    expect(leadActivityOf(identification)).toEqual({ ...identification, leadId: 'nadia' });
  });

  it('passes re-keyed activity unchanged', () => {
    const rekeyed: LeadActivityEvent = { ...envelope, leadId: 'marco', anonymousId: 'v-2', type: 'page_viewed', payload: { url: '/' } };

    expect(leadActivityOf(rekeyed)).toBe(rekeyed);
  });
});
