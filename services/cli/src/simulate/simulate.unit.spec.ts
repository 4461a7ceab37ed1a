import fc from 'fast-check';
import { eventsDueBy, simulatedTraffic } from './simulatedTraffic';
import { parseSimulationOptions } from './simulationOptions';

const NOW = Date.parse('2026-11-25T10:00:00Z');

describe('simulated traffic', () => {
  it('holds exactly the leads and visitors asked for, in event-time order', () => {
    const events = simulatedTraffic({ leads: 75, visitors: 40, seed: 7, now: NOW, runId: 'r' });

    const leads = new Set(events.flatMap((e) => [e.leadId, e.payload?.leadId]).filter((id) => typeof id === 'string' && id.startsWith('lead-')));
    // leads browse as visitor-lead-… before they identify; the anonymous visitors never do
    const visitors = new Set(events.map((e) => e.anonymousId).filter((id) => id?.startsWith('visitor-') && !id.startsWith('visitor-lead-')));
    expect(leads.size).toBe(75);
    expect(visitors.size).toBe(40);
    expect(events.map((e) => e.occurredAt)).toEqual(events.map((e) => e.occurredAt).sort());
  });

  it('has the same shape for the same seed, with new event ids', () => {
    const shape = (seed: number) => simulatedTraffic({ leads: 20, visitors: 10, seed, now: NOW, runId: 'r' }).map((e) => [e.type, e.occurredAt, e.leadId ?? e.anonymousId]);
    const first = simulatedTraffic({ leads: 20, visitors: 10, seed: 1, now: NOW, runId: 'r' });
    const second = simulatedTraffic({ leads: 20, visitors: 10, seed: 1, now: NOW, runId: 'r' });

    expect(shape(1)).toEqual(shape(1));
    expect(shape(1)).not.toEqual(shape(2));
    expect(first.some((e, i) => e.eventId === second[i]?.eventId)).toBe(false);
  });

  it('keeps every event within the scoring model’s horizon', () => {
    const events = simulatedTraffic({ leads: 60, visitors: 60, seed: 3, now: NOW, runId: 'r' });

    expect(events.every((e) => Date.parse(e.occurredAt) > NOW - 90 * 24 * 3_600_000 && Date.parse(e.occurredAt) <= NOW)).toBe(true);
  });

  it('paces sending: never more than the rate allows, never behind by a whole event', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 100_000 }), fc.integer({ min: 0, max: 3_600_000 }), (rate, elapsedMs) => {
        const due = eventsDueBy(rate, elapsedMs);
        return due <= (rate * elapsedMs) / 1000 && due > (rate * elapsedMs) / 1000 - 1;
      }),
    );
  });
});

describe('leadflow simulate options', () => {
  it('defaults to 100 leads, 5 visitors per lead, 50 events/s on the local ingest', () => {
    expect(parseSimulationOptions({ apiKey: 'lf_sk_0123456789' })).toEqual({
      ok: true,
      value: { ingestUrl: 'http://127.0.0.1:18080', apiKey: 'lf_sk_0123456789', rate: 50, leads: 100, visitors: 500, seed: 20_261_125 },
    });
  });

  it('asks for a key, since ingest has no built-in one', () => {
    expect(parseSimulationOptions({})).toEqual({
      ok: false,
      errors: ['--api-key: required (or LEADFLOW_API_KEY): the key `leadflow start` printed, or one from `leadflow keys create`'],
    });
  });

  it('names every bad value at once', () => {
    expect(parseSimulationOptions({ ingestUrl: 'ftp://x', apiKey: 'short', rate: '0', leads: '-1' })).toEqual({
      ok: false,
      errors: [
        '--ingest-url: ftp://x is not an http(s) URL',
        '--api-key: ingest keys have at least 12 characters',
        '--rate: 0 is not a whole number from 1 to 100000',
        '--leads: -1 is not a whole number from 0 to 1000000',
      ],
    });
  });
});
