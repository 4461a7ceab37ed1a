import fc from 'fast-check';
import { foldVisitorSightings } from './foldVisitorSightings';
import { at, engagement, identified } from './projectionFixtures.spec';

describe('foldVisitorSightings', () => {
  it('sees an anonymous visitor first where it came from, and the lead it became', () => {
    const events = [
      engagement({ anonymousId: 'v-1' }, 0, 'session_started', { returning: false }),
      engagement({ anonymousId: 'v-1' }, 5, 'page_viewed', { url: '/pricing' }, { utmSource: 'google' }),
      identified('v-1', 'nadia', 20),
    ];

    expect(foldVisitorSightings(events)).toEqual([
      { subjectId: 'v-1', firstSeenAt: at(0), firstCampaign: 'q4-pricing-webinar', firstSource: 'linkedin', becameLeadId: 'nadia', identifiedAt: at(20) },
    ]);
  });

  it('counts a visit a known lead starts as a visitor that is that lead, and skips the lead\u2019s other events', () => {
    const events = [
      engagement({ leadId: 'vera' }, 0, 'session_started', { returning: false }, { utmSource: 'google' }),
      engagement({ leadId: 'vera' }, 1, 'page_viewed', { url: '/pricing' }),
      engagement({ leadId: 'marco' }, 2, 'content_consumed', { assetId: 'guide', assetType: 'whitepaper' }),
    ];

    expect(foldVisitorSightings(events)).toEqual([
      { subjectId: 'vera', firstSeenAt: at(0), firstCampaign: null, firstSource: 'google', becameLeadId: 'vera', identifiedAt: at(0) },
    ]);
  });

  it('gives the same sightings for any order of the same events', () => {
    const events = [
      engagement({ anonymousId: 'v-2' }, 3, 'page_viewed', { url: '/' }, { utmSource: 'bing' }),
      engagement({ anonymousId: 'v-2' }, 1, 'session_started', { returning: false }),
      identified('v-2', 'lena', 9),
      identified('v-2', 'lena-duplicate', 12),
      engagement({ anonymousId: 'v-3' }, 4, 'session_started', { returning: false }, {}),
    ];
    const expected = foldVisitorSightings(events).sort((a, b) => a.subjectId.localeCompare(b.subjectId));

    fc.assert(
      fc.property(fc.shuffledSubarray(events, { minLength: events.length }), (shuffled) => {
        expect(foldVisitorSightings(shuffled).sort((a, b) => a.subjectId.localeCompare(b.subjectId))).toEqual(expected);
      }),
    );
    expect(expected.map((s) => [s.subjectId, s.becameLeadId, s.firstSource])).toEqual([
      ['v-2', 'lena', 'linkedin'],
      ['v-3', null, 'web'],
    ]);
  });
});
