import fc from 'fast-check';
import { parseChaosOptions } from './chaosOptions';
import { countFaults, faultSchedule } from './faultSchedule';

const instances = ['ingest-1', 'ingest-2', 'scoring-1', 'scoring-2', 'handoff-1', 'handoff-2', 'projections-1', 'projections-2'];

describe('fault schedule', () => {
  it('holds every fault asked for, in time order, inside the traffic, and kills every service', () => {
    fc.assert(
      fc.property(fc.integer({ min: 8, max: 40 }), fc.integer({ min: 10_000, max: 3_600_000 }), fc.nat(2 ** 31), (kills, durationMs, seed) => {
        const faults = faultSchedule({ durationMs, instances, kills, brokerRestarts: 1, registryStopMs: 30_000, pgTerminations: 3, seed });

        expect(countFaults(faults)).toEqual({ kill: kills, 'broker-restart': 1, 'registry-stop': 1, 'pg-terminate': 3 });
        expect(faults.map((f) => f.atMs)).toEqual([...faults.map((f) => f.atMs)].sort((a, b) => a - b));
        expect(faults.every((f) => f.atMs >= durationMs * 0.1 && f.atMs <= durationMs * 0.9)).toBe(true);
        const killed = new Set(faults.flatMap((f) => (f.kind === 'kill' ? [f.instance.replace(/-\d+$/, '')] : [])));
        expect([...killed].sort()).toEqual(['handoff', 'ingest', 'projections', 'scoring']);
      }),
    );
  });

  it('is the same for the same seed', () => {
    const plan = { durationMs: 60_000, instances, kills: 15, brokerRestarts: 1, registryStopMs: 30_000, pgTerminations: 3, seed: 7 };

    expect(faultSchedule(plan)).toEqual(faultSchedule(plan));
  });
});

describe('chaos options', () => {
  it('default to the full schedule: 100,000 events, 3,000 leads, 15 kills, a broker restart, the registry stopped 30 s', () => {
    const parsed = parseChaosOptions({});

    expect(parsed).toMatchObject({ ok: true, value: { events: 100_000, leads: 3_000, kills: 15, brokerRestarts: 1, registryStopMs: 30_000, pgTerminations: 3, instances: 2 } });
  });

  it('name every bad flag', () => {
    const parsed = parseChaosOptions({ events: 'many', kills: '-1', leads: '50000' });

    expect(parsed).toEqual({ ok: false, errors: ['--events: many is not a whole number from 100 to 10000000', '--kills: -1 is not a whole number from 0 to 1000'] });
  });
});
