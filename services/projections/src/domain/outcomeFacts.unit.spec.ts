import { campaignCostsOf } from './campaignCostsOf';
import { at, outcome } from './projectionFixtures.spec';
import { salesActivityOf } from './salesActivityOf';

describe('facts from CRM outcomes', () => {
  const outcomes = [
    outcome('rita', 10, 'lead_contacted', { channel: 'phone', by: 'malik.haddad' }),
    outcome('rita', 20, 'lead_accepted', { by: 'malik.haddad' }),
    outcome(undefined, 30, 'campaign_cost_recorded', { campaignId: 'q4-pricing-webinar', amount: 4_500, currency: 'EUR', from: at(-43_200), to: at(0) }),
  ];

  it('keeps the contacts as sales activity', () => {
    expect(salesActivityOf(outcomes)).toEqual([
      { eventId: outcomes[0]?.eventId, leadId: 'rita', occurredAt: at(10), channel: 'phone' },
    ]);
  });

  it('keeps the campaign spend with its period', () => {
    expect(campaignCostsOf(outcomes)).toEqual([
      { eventId: outcomes[2]?.eventId, campaignId: 'q4-pricing-webinar', amount: 4_500, currency: 'EUR', periodFrom: at(-43_200), periodTo: at(0), recordedAt: at(30) },
    ]);
  });
});
