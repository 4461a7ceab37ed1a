import { DEFAULT_CHAOS, type ChaosOptions } from './chaosOptions';
import { formatChaosReport } from './formatChaosReport';
import { runChaos } from './runChaos';

/**
 * The short schedule of `leadflow chaos`: about 20,000 events through two instances of every
 * service while three instances are SIGKILLed, the broker is killed and restarted once and
 * Postgres connections are terminated, against a calm single-instance run of the same traffic.
 */
const SHORT: ChaosOptions = {
  ...DEFAULT_CHAOS,
  events: 20_000,
  leads: 600,
  kills: 3,
  brokerRestarts: 1,
  registryStopMs: 0,
  pgTerminations: 1,
  settleTimeoutMs: 900_000,
};

describe('the pipeline under chaos', () => {
  it('ends where a calm run of the same traffic ends: same analytics, net lifecycle, Kafka in agreement with the event store, no duplicate, nothing lost', async () => {
    const lines: string[] = [];

    const report = await runChaos(SHORT, (line) => lines.push(line));

    const failed = report.comparisons.filter((c) => c.counts && c.mismatches > 0);
    if (failed.length > 0) console.error(`${lines.join('\n')}\n${formatChaosReport(report)}`);
    expect(failed).toEqual([]);
    expect(report.faults).toMatchObject({ kill: 3, 'broker-restart': 1, 'pg-terminate': 1 });
    expect(report.restarts).toBeGreaterThanOrEqual(3);
    expect(report.events).toBeGreaterThanOrEqual(20_000);
  }, 1_800_000);
});
