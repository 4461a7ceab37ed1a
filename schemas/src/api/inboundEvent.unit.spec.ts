import { postedEventParser } from './inboundEvent';
import { outcomeTopicKeys } from './inboundEvent';

const now = Date.parse('2026-01-10T12:00:00Z');
const parse = postedEventParser();
const pathsOf = (input: unknown, parser = parse) => parser(input, now).error?.issues.map((i) => i.path.join('.'));

describe('posted events are checked at the door with the rules the consumers apply', () => {
  const base = { type: 'page_viewed', occurredAt: '2026-01-10T11:59:00Z', anonymousId: 'visitor-1', payload: { url: '/pricing' } };

  it('refuses event times before 1970, which the topics cannot hold', () => {
    const result = parse({ ...base, occurredAt: '1969-12-31T23:59:59Z' }, now);

    expect(result.error?.issues).toEqual([{ path: ['occurredAt'], message: expect.stringMatching(/before 1970-01-01/) }]);
  });

  it('refuses events older than the horizon it is given, which scoring would dead-letter', () => {
    const yearMs = 365 * 86_400_000;
    const old = { ...base, occurredAt: new Date(now - yearMs - 60_000).toISOString() };

    expect(parse(old, now, yearMs).error?.issues).toEqual([{ path: ['occurredAt'], message: 'lies more than 365 days in the past, beyond what scoring takes' }]);
    expect(parse(old, now).success).toBe(true);
  });

  it('refuses lead and visitor ids that look like e-mail addresses, in the envelope and in an identification', () => {
    const identified = { type: 'lead_identified', occurredAt: base.occurredAt, payload: { anonymousId: 'v-1', leadId: 'ann@example.com' } };

    expect(pathsOf({ ...base, anonymousId: 'ann@example.com' })).toEqual(['anonymousId']);
    expect(pathsOf(identified)).toEqual(['payload.leadId']);
    expect(parse({ ...base, anonymousId: 'crm:42@eu' }, now).success).toBe(true);
  });

  it('names the path of text that cannot be stored, wherever it is', () => {
    const nul = 'a\u0000b';
    const question = {
      type: 'question_asked',
      occurredAt: base.occurredAt,
      leadId: 'lead-1',
      context: { campaignId: nul, userAgent: '\ud800' },
      payload: { text: nul, topic: 'pricing', specificity: 0.5 },
    };
    const outcome = { type: 'lead_rejected', occurredAt: base.occurredAt, leadId: 'lead-1', payload: { reason: '\udfff' } };

    expect(pathsOf(question)?.sort()).toEqual(['context.campaignId', 'context.userAgent', 'payload.text']);
    expect(pathsOf(outcome, postedEventParser(outcomeTopicKeys))).toEqual(['payload.reason']);
  });

  it('reports envelope and payload problems of one event together', () => {
    expect(pathsOf({ ...base, occurredAt: 'yesterday', payload: { url: 7 } })?.sort()).toEqual(['occurredAt', 'payload.url']);
  });

  it('returns the payload as its contract parsed it, so nothing is parsed twice', () => {
    const result = parse({ ...base, payload: { url: '/pricing', extra: 'dropped' } }, now);

    expect(result.data).toMatchObject({ topicKey: 'engagement', payload: { url: '/pricing' } });
    expect(result.data?.payload).not.toHaveProperty('extra');
  });

  it('answers a non-object with a path, never a crash', () => {
    for (const input of [null, 42, 'page_viewed', [], { type: { toString: 1 } }]) {
      expect(parse(input, now).success).toBe(false);
    }
  });
});
