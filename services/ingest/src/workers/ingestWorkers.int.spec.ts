import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { request } from 'node:http';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { connectPipeline, createLogger, loadConfig, testing, type Pipeline } from '@leadflow/kit';
import { ingestConfigSchema } from '../config';

const API_KEY = 'workers-key-0123456789';
const MAIN = join(__dirname, '..', '..', 'dist', 'main.js');

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });

/** The processes the primary forked (Linux). */
const workersOf = (pid: number): number[] =>
  readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').split(' ').filter(Boolean).map(Number);

/** One page view, posted on a connection of its own so the primary hands it to the next worker. */
function postOnNewConnection(port: number, page: string): Promise<{ status: number; eventId?: string }> {
  const body = JSON.stringify({ type: 'page_viewed', occurredAt: new Date().toISOString(), anonymousId: 'visitor-1', payload: { url: page } });
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/events', method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'x-api-key': API_KEY } }, (res) => {
      let text = '';
      res.on('data', (chunk: Buffer) => (text += chunk.toString()));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, eventId: (JSON.parse(text) as { accepted?: { eventId: string }[] }).accepted?.[0]?.eventId }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('ingest as several processes on one socket (INGEST_WORKERS)', () => {
  let run: testing.IsolatedRun;
  let pipeline: Pipeline;
  let primary: ChildProcess;
  let port: number;
  const claimed: string[] = [];

  const postMany = async (count: number, page: string) => {
    const answers = await Promise.all(Array.from({ length: count }, (_, i) => postOnNewConnection(port, `${page}-${i}`)));
    claimed.push(...answers.flatMap((a) => (a.eventId ? [a.eventId] : [])));
    return answers.map((a) => a.status);
  };

  beforeAll(async () => {
    run = await testing.isolatedRun('workers');
    port = await freePort();
    primary = spawn(process.execPath, [MAIN], {
      env: { ...process.env, ...run.env, INGEST_PORT: String(port), INGEST_WORKERS: '2', INGEST_API_KEYS: `${API_KEY}:site`, LOG_LEVEL: 'error' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Its log (errors only) says why, should it not start.
    let log = '';
    for (const stream of [primary.stdout, primary.stderr]) stream?.on('data', (chunk: Buffer) => (log += chunk.toString()));
    try {
      await testing.waitFor('two ingest workers answering ready', async () => (await fetch(`http://127.0.0.1:${port}/health/ready`)).status, (s) => s === 200 && workersOf(primary.pid as number).length === 2, 90_000);
    } catch (error) {
      throw new Error(`${(error as Error).message}; primary exit code ${primary.exitCode}; its log:\n${log}`);
    }
    pipeline = await connectPipeline('workers-reader', loadConfig(ingestConfigSchema, run.env), createLogger('workers-reader', 'warn'));
  });

  afterAll(async () => {
    if (primary?.exitCode === null) primary.kill('SIGKILL');
    await run?.cleanUp();
  });

  it('keeps taking requests when a worker dies, and replaces it', async () => {
    const [first, second] = workersOf(primary.pid as number);
    expect(await postMany(20, '/before')).toEqual(Array(20).fill(202));

    process.kill(first as number, 'SIGKILL');
    const replaced = await testing.waitFor(
      'a new worker in place of the one killed',
      async () => workersOf(primary.pid as number),
      (pids) => pids.length === 2 && !pids.includes(first as number) && pids.includes(second as number),
      60_000,
    );
    // The replacement listens a little after it is forked; connections go only to workers that listen.
    const statuses = await testing.waitFor('both workers answering', () => postMany(20, '/after'), (s) => s.every((status) => status === 202), 60_000);

    expect(replaced).toHaveLength(2);
    expect(statuses).toEqual(Array(20).fill(202));
    const stored = await testing.waitFor('every accepted event on the topic', () => testing.readTopic(pipeline.kafka, pipeline.codecs.engagement), (records) => records.length >= claimed.length);
    const storedIds = new Set(stored.map((r) => r.eventId));
    expect(claimed.filter((id) => !storedIds.has(id))).toEqual([]);
  });

  it('stops every worker gracefully on SIGTERM and exits 0', async () => {
    const workers = workersOf(primary.pid as number);
    const exited = new Promise<number | null>((resolve) => primary.once('exit', (code) => resolve(code)));
    primary.kill('SIGTERM');

    expect(await exited).toBe(0);
    expect(workers.filter(isAlive)).toEqual([]);
  });
});

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
