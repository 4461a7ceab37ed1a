import fc from 'fast-check';
import { parseStartOptions } from './startOptions';
import { clashingPorts, DEFAULT_PORTS, planInstances } from './planInstances';
import { restartDelayMs } from './restartDelay';

describe('leadflow start options', () => {
  it('runs all four services once on the local stack by default', () => {
    expect(parseStartOptions({})).toEqual({ ok: true, value: { services: ['ingest', 'scoring', 'handoff', 'projections'], instances: 1, stack: true } });
  });

  it('starts scoring before the services that share its tables, whatever order --only names them in', () => {
    const parsed = parseStartOptions({ only: 'handoff, scoring', instances: '3', stack: false });

    expect(parsed).toEqual({ ok: true, value: { services: ['scoring', 'handoff'], instances: 3, stack: false } });
  });

  it('names every bad value at once', () => {
    const parsed = parseStartOptions({ only: 'scoring,billing', instances: '0' });

    expect(parsed).toEqual({
      ok: false,
      errors: ['--only: unknown service billing (expected some of ingest, scoring, handoff, projections)', '--instances: 0 is not a whole number from 1 to 9'],
    });
  });

  it('refuses an empty --only and a fractional --instances', () => {
    expect(parseStartOptions({ only: ' , ', instances: '1.5' })).toEqual({
      ok: false,
      errors: ['--only: name at least one service', '--instances: 1.5 is not a whole number from 1 to 9'],
    });
  });
});

describe('ports of the instances', () => {
  it('gives the first instance the fixed ports and each next one the same plus 100', () => {
    const plans = planInstances(['ingest', 'projections'], 2, DEFAULT_PORTS);

    expect(plans.map((p) => [p.label, p.env])).toEqual([
      ['ingest-1', { INGEST_PORT: '18080' }],
      ['ingest-2', { INGEST_PORT: '18180' }],
      ['projections-1', { HEALTH_PORT: '18093', DASHBOARD_PORT: '18090' }],
      ['projections-2', { HEALTH_PORT: '18193', DASHBOARD_PORT: '18190' }],
    ]);
  });

  it('never gives two instances the same port with the default ports, for any number of instances', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), (instances) => {
        const plans = planInstances(['ingest', 'scoring', 'handoff', 'projections'], instances, DEFAULT_PORTS);
        return plans.length === 4 * instances && clashingPorts(plans).length === 0;
      }),
    );
  });

  it('reports ports that meet when the operator moves one onto another', () => {
    const plans = planInstances(['scoring', 'handoff'], 2, { ...DEFAULT_PORTS, handoff: DEFAULT_PORTS.scoring + 100 });

    expect(clashingPorts(plans)).toEqual(['port 18191 is wanted by scoring-2 and handoff-1']);
  });
});

describe('restart backoff', () => {
  it('doubles from half a second and never exceeds 30 seconds', () => {
    expect([1, 2, 3, 4].map(restartDelayMs)).toEqual([500, 1000, 2000, 4000]);
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 1000 }), (failures) => {
        const delay = restartDelayMs(failures);
        return delay <= 30_000 && delay >= restartDelayMs(failures - 1 || 1);
      }),
    );
  });
});
