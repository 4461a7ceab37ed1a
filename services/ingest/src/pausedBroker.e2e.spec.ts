import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { createServer, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { createRegistry, createCodecs, testing } from '@leadflow/kit';

/**
 * Ingest against a broker that stops answering (SIGSTOP): every request is answered within its
 * deadline, memory stays bounded, and nothing is reported accepted that Kafka did not acknowledge.
 * The broker is this test's own small Kafka on free ports, never the shared one.
 */
const REPO = join(__dirname, '..', '..', '..');
const CACHE = process.env.LEADFLOW_STACK_CACHE_DIR ?? join(REPO, 'infra', '.cache');
const API_KEY = 'paused-key-0123456789';
const REQUESTS = 2000;
const ACK_TIMEOUT_MS = 2000;
/** Ingest's resident memory may not exceed this while the flood lasts (its in-flight budget is 16 MiB). */
const RSS_BOUND_MB = 400;
/**
 * 2,000 MiB sent at once through one client on two shared cores take the server tens of seconds
 * just to read; request and header timeouts that long keep the answers 503s instead of resets.
 */
const FLOOD_TIMEOUTS = { INGEST_REQUEST_TIMEOUT_MS: '120000', INGEST_HEADERS_TIMEOUT_MS: '120000' };
/** How long a sent request may wait for its answer here: reading the other bodies dominates, not Kafka. */
const WAIT_BOUND_MS = 60_000;

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no free port'))));
    });
  });

const portOpen = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = connect(port, '127.0.0.1', () => socket.end(() => resolve(true)));
    socket.on('error', () => resolve(false));
  });

async function until(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

/** A single-node KRaft broker in a temporary folder, from the jars the stack already fetched. */
async function startPrivateKafka(dir: string): Promise<{ child: ChildProcess; brokers: string }> {
  const [port, controller] = [await freePort(), await freePort()];
  const properties = join(dir, 'server.properties');
  writeFileSync(
    properties,
    [
      'process.roles=broker,controller',
      'node.id=1',
      `controller.quorum.voters=1@127.0.0.1:${controller}`,
      `listeners=PLAINTEXT://127.0.0.1:${port},CONTROLLER://127.0.0.1:${controller}`,
      `advertised.listeners=PLAINTEXT://127.0.0.1:${port}`,
      'listener.security.protocol.map=PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT',
      'controller.listener.names=CONTROLLER',
      `log.dirs=${join(dir, 'data')}`,
      'num.partitions=1',
      'offsets.topic.replication.factor=1',
      'transaction.state.log.replication.factor=1',
      'transaction.state.log.min.isr=1',
      'group.initial.rebalance.delay.ms=0',
      'auto.create.topics.enable=false',
    ].join('\n'),
  );
  const classpath = `${join(CACHE, 'kafka', 'lib')}/*`;
  const format = spawn('java', ['-Xmx128m', '-cp', classpath, 'kafka.tools.StorageTool', 'format', '-t', randomUUID().replace(/-/g, '').slice(0, 22), '-c', properties], { stdio: 'ignore' });
  await new Promise((resolve) => format.once('exit', resolve));
  const child = spawn('java', ['-Xms128m', '-Xmx256m', '-XX:+UseSerialGC', '-cp', classpath, 'kafka.Kafka', properties], { stdio: 'ignore' });
  await until(() => portOpen(port), 120_000, 'the private Kafka to listen');
  return { child, brokers: `127.0.0.1:${port}` };
}

const rssMb = (pid: number): number => {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
};

interface Answer {
  status: number;
  /** From sending the request to its answer, as this client saw it. */
  ms: number;
  /** From the last byte of the request to its answer (0 when the answer came first): how long ingest kept the client waiting. */
  waitMs: number;
  body: string;
}

function post(agent: Agent, port: number, body: Buffer): Promise<Answer> {
  const started = performance.now();
  let sent: number | undefined;
  return new Promise((resolve) => {
    const req = request({ host: '127.0.0.1', port, path: '/v1/events', method: 'POST', agent, headers: { 'content-type': 'application/json', 'x-api-key': API_KEY, 'content-length': body.length } }, (res) => {
      const answered = performance.now();
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, ms: answered - started, waitMs: sent === undefined ? 0 : answered - sent, body: Buffer.concat(chunks).toString() }));
    });
    req.on('finish', () => (sent = performance.now()));
    req.on('error', (error) => resolve({ status: -1, ms: performance.now() - started, waitMs: -1, body: error.message }));
    req.end(body);
  });
}

const pageViews = (count: number, url: string) =>
  Array.from({ length: count }, () => ({ type: 'page_viewed', occurredAt: new Date().toISOString(), anonymousId: `v-${randomUUID().slice(0, 8)}`, payload: { url } }));

describe('ingest with the broker paused', () => {
  let dir: string;
  let kafka: ChildProcess | undefined;
  let ingest: ChildProcess | undefined;
  let run: testing.IsolatedRun | undefined;

  afterAll(async () => {
    await run?.cleanUp();
    if (kafka?.pid) process.kill(kafka.pid, 'SIGCONT');
    ingest?.kill('SIGKILL');
    kafka?.kill('SIGKILL');
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it(`answers ${REQUESTS} concurrent 1 MiB requests within the deadline, in bounded memory, and claims nothing Kafka did not store`, async () => {
    // Prepare: a private broker, ingest in its own process (so its memory is its own), one good request.
    dir = mkdtempSync(join(tmpdir(), 'leadflow-paused-'));
    const broker = await startPrivateKafka(dir);
    kafka = broker.child;
    run = await testing.isolatedRun('paused');
    const namespace = run.namespace;
    const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7';
    const port = await freePort();
    ingest = spawn(process.execPath, [join(REPO, 'services', 'ingest', 'dist', 'main.js')], {
      env: { ...process.env, ...run.env, DATABASE_URL: run.databaseUrl, KAFKA_BROKERS: broker.brokers, SCHEMA_REGISTRY_URL: registryUrl, TOPIC_NAMESPACE: namespace, INGEST_PORT: String(port), INGEST_API_KEYS: `${API_KEY}:paused`, INGEST_ACK_TIMEOUT_MS: String(ACK_TIMEOUT_MS), ...FLOOD_TIMEOUTS, LOG_LEVEL: 'error' },
      stdio: 'ignore',
    });
    const ready = async () => (await fetch(`http://127.0.0.1:${port}/health/ready`).catch(() => undefined))?.status;
    await until(async () => (await ready()) === 200, 120_000, 'ingest to be ready');
    const agent = new Agent({ keepAlive: true, maxSockets: REQUESTS });
    const before = await post(agent, port, Buffer.from(JSON.stringify(pageViews(3, '/before'))));
    expect(before.status).toBe(202);
    const bigBody = Buffer.from(JSON.stringify(pageViews(450, `/${'x'.repeat(2040)}`)));
    expect(bigBody.length).toBeGreaterThan(900 * 1024);
    expect(bigBody.length).toBeLessThanOrEqual(1024 * 1024);

    // Act: pause the broker, flood ingest, watch its memory.
    process.kill(kafka.pid as number, 'SIGSTOP');
    let peakRss = rssMb(ingest.pid as number);
    const sampler = setInterval(() => (peakRss = Math.max(peakRss, rssMb(ingest?.pid as number))), 50);
    const answers = await Promise.all(Array.from({ length: REQUESTS }, () => post(agent, port, bigBody)));
    const readyWhilePaused = await ready();
    clearInterval(sampler);
    process.kill(kafka.pid as number, 'SIGCONT');
    await until(async () => (await ready()) === 200, 60_000, 'ingest to be ready again');
    const after = await post(agent, port, Buffer.from(JSON.stringify(pageViews(3, '/after'))));
    agent.destroy();

    // Assert: every request answered 503 (with Retry-After) within the deadline, memory bounded,
    // and Kafka holds every event answered 202.
    const byStatus = answers.reduce<Record<number, number>>((counts, a) => ({ ...counts, [a.status]: (counts[a.status] ?? 0) + 1 }), {});
    const slowest = Math.max(...answers.map((a) => a.ms));
    const failures = answers.filter((a) => a.status < 0).reduce<Record<string, number>>((counts, a) => ({ ...counts, [a.body]: (counts[a.body] ?? 0) + 1 }), {});
    const longestWait = Math.max(...answers.map((a) => a.waitMs));
    console.log(
      `paused broker: ${JSON.stringify(byStatus)} ${JSON.stringify(failures)}; longest wait after a request was sent ${Math.round(longestWait)} ms, ` +
        `slowest answer from the start ${Math.round(slowest)} ms (2,000 MiB through one client); peak ingest RSS ${Math.round(peakRss)} MB`,
    );
    expect(byStatus).toEqual({ 503: REQUESTS });
    expect(answers.every((a) => /"code":"(kafka_unavailable|overloaded)"/.test(a.body))).toBe(true);
    expect(longestWait).toBeLessThan(WAIT_BOUND_MS);
    expect(peakRss).toBeLessThan(RSS_BOUND_MB);
    expect(readyWhilePaused).toBe(503);
    expect(after.status).toBe(202);
    const reader = new Kafka({ brokers: [broker.brokers], logLevel: logLevel.NOTHING });
    const codecs = await createCodecs(createRegistry(registryUrl), registryUrl, namespace);
    // Everything on the topic: sends that were answered 503 may have been stored once the broker woke up.
    const stored = await testing.readTopic(reader, codecs.engagement, 60_000);
    const claimed = [before, after].flatMap((a) => (JSON.parse(a.body) as { accepted: { eventId: string }[] }).accepted.map((e) => e.eventId));
    const storedIds = new Set(stored.map((r) => r.eventId));
    expect(claimed.filter((id) => !storedIds.has(id))).toEqual([]);
  });
});
