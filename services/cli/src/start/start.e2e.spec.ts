import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { connectPipeline, createLogger, loadConfig, testing, commonConfig, type Pipeline } from '@leadflow/kit';
import { z } from 'zod';
import { postEvents } from '../simulate/postEvents';
import { sampleJourneys } from '../simulate/sampleJourneys';
import { freePort } from '../testing/freePort';

const API_KEY = 'start-key-0001';
const cli = join(__dirname, '..', '..', 'dist', 'main.js');

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function eventually(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 90_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}

describe('leadflow start', () => {
  let run: testing.IsolatedRun;
  let supervisor: ChildProcess;
  let output = '';
  let pipeline: Pipeline;
  let ingestPort: number;
  let scoringPort: number;

  beforeAll(async () => {
    run = await testing.isolatedRun('start');
    ingestPort = await freePort();
    scoringPort = await freePort();
    const env = {
      ...process.env,
      ...run.env,
      INGEST_PORT: String(ingestPort),
      SCORING_HEALTH_PORT: String(scoringPort),
      INGEST_API_KEYS: `${API_KEY}:start`,
    };
    supervisor = spawn(process.execPath, [cli, 'start', '--no-stack', '--only', 'scoring,ingest', '--instances', '2'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    supervisor.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    supervisor.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    await eventually('leadflow start to say it runs', () => output.includes('leadflow is running') || supervisor.exitCode !== null, 180_000);
    pipeline = await connectPipeline('start-e2e-reader', loadConfig(z.object(commonConfig), run.env), createLogger('start-e2e', 'warn'));
  }, 240_000);

  afterAll(async () => {
    if (supervisor.exitCode === null) supervisor.kill('SIGKILL');
    await run?.cleanUp();
  });

  const pidOf = (label: string) => Number(new RegExp(`${label}\\s+health[^\\n]*\\n\\s+pid (\\d+)`).exec(output)?.[1]);

  it('runs every instance on its own fixed port and prints where each listens', async () => {
    expect(output).toContain(`ingest-1       health http://127.0.0.1:${ingestPort}/health/ready`);
    expect(output).toContain(`ingest-2       health http://127.0.0.1:${ingestPort + 100}/health/ready`);
    expect(output).toContain(`scoring-2      health http://127.0.0.1:${scoringPort + 100}/health/ready`);
    for (const port of [ingestPort, ingestPort + 100, scoringPort, scoringPort + 100]) {
      expect((await fetch(`http://127.0.0.1:${port}/health/ready`)).status).toBe(200);
    }
  });

  it('takes events on ingest and publishes their scores', async () => {
    const journey = sampleJourneys(Date.now(), run.id)[0]!;

    const posted = await postEvents(`http://127.0.0.1:${ingestPort + 100}`, API_KEY, journey.events);
    const scores = await testing.collectRecords(pipeline.kafka, pipeline.codecs.scores, (records) => records.some((r) => r.leadId === journey.leadId), 60_000);

    expect(posted.status).toBe(202);
    expect(scores.some((score) => score.leadId === journey.leadId)).toBe(true);
  });

  it('restarts a service process that dies', async () => {
    const before = pidOf('scoring-1');

    process.kill(before, 'SIGKILL');

    // The delay doubles after a start that failed (a slow registry under load), so any delay will do.
    await eventually('the restart notice', () => /scoring-1 exited \(code -, signal SIGKILL\); restarting in [\d.]+s/.test(output));
    await eventually('scoring-1 to be ready again', () => fetch(`http://127.0.0.1:${scoringPort}/health/ready`).then((r) => r.ok, () => false));
  });

  it('stops every process gracefully on one SIGTERM', async () => {
    const children = [pidOf('ingest-1'), pidOf('ingest-2'), pidOf('scoring-2')];
    const exited = new Promise<number | null>((resolve) => supervisor.once('exit', resolve));

    supervisor.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(output).toContain('all services stopped');
    expect(children.filter(alive)).toEqual([]);
    await eventually('the health ports to close', async () => !(await fetch(`http://127.0.0.1:${scoringPort}/health/live`).then(() => true, () => false)), 5_000);
  });
});
