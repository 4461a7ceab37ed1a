import { loadConfig, testing, type Stoppable } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { runSimulation, type SimulationReport } from './runSimulation';

const API_KEY = 'simulate-key-0001';

describe('leadflow simulate against a real ingest', () => {
  let run: testing.IsolatedRun;
  let ingest: Stoppable & { url: string };

  beforeAll(async () => {
    run = await testing.isolatedRun('simulate');
    ingest = await startIngest(loadConfig(ingestConfigSchema, { ...run.env, INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:simulate` }));
  });

  afterAll(async () => {
    await ingest?.stop();
    await run?.cleanUp();
  });

  it('sends the whole population at the rate asked for, every event accepted', async () => {
    const progress: SimulationReport[] = [];

    const report = await runSimulation({ ingestUrl: ingest.url, apiKey: API_KEY, rate: 100, leads: 8, visitors: 12, seed: 1 }, (p) => progress.push(p));

    expect(report.total).toBeGreaterThan(100);
    expect([report.sent, report.accepted, report.refused]).toEqual([report.total, report.total, 0]);
    // paced: a 100 events/s sender needs at least (total - 1) / 100 seconds
    expect(report.seconds).toBeGreaterThanOrEqual((report.total - 1) / 100);
    expect(progress.length).toBeGreaterThanOrEqual(Math.floor(report.seconds / 5) - 1);
  });

  it('stops after the request in flight when asked to', async () => {
    let calls = 0;

    const report = await runSimulation({ ingestUrl: ingest.url, apiKey: API_KEY, rate: 50, leads: 60, visitors: 0, seed: 2 }, () => undefined, () => ++calls > 20);

    expect(report.sent).toBeLessThan(report.total);
    expect(report.accepted).toBe(report.sent);
  });
});
