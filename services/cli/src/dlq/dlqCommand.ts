import { commonConfig, connectPipeline, createLogger, createPool, drainOutbox, loadConfig, migrate, outboxMigration, serviceOutbox, type Pipeline } from '@leadflow/kit';
import type { Command } from 'commander';
import type { Pool } from 'pg';
import { z } from 'zod';
import { readDeadLetters, type StoredDeadLetter } from './readDeadLetters';
import { redriveDeadLetters, deadLetterRedrivesMigration } from './redriveDeadLetters';
import { matchesFilter, summarizeDeadLetters } from './summarizeDeadLetters';

interface RedriveOptions {
  topic?: string;
  reason?: string;
  since?: string;
  dryRun: boolean;
}

async function withPipeline<T>(work: (pipeline: Pipeline, pool: Pool, namespace: string) => Promise<T>): Promise<T> {
  const config = loadConfig(z.object(commonConfig));
  const pipeline = await connectPipeline('leadflow-dlq', config, createLogger('dlq', 'warn'));
  const pool = await createPool(config.DATABASE_URL, { max: 2 });
  try {
    return await work(pipeline, pool, config.TOPIC_NAMESPACE);
  } finally {
    await pool.end();
  }
}

/** How long a re-drive waits for its records to reach Kafka. */
const RELAY_WAIT_MS = 60_000;

const when = (ms: number) => new Date(ms).toISOString();

/** Decodes a dead letter's original bytes with the codec of its topic when there is one. */
async function decodedValue(pipeline: Pipeline, { letter }: StoredDeadLetter): Promise<string> {
  const codec = Object.values(pipeline.codecs).find((c) => c.topicName === letter.originalTopic);
  const raw = letter.value === undefined ? undefined : Buffer.from(letter.value);
  if (!codec || raw === undefined) return `raw (base64): ${raw?.toString('base64') ?? '(no value)'}`;
  const decoded = await codec.decode(raw);
  return decoded.ok ? JSON.stringify(decoded.value, null, 2) : `raw (base64), it does not decode (${decoded.error.message}): ${raw.toString('base64')}`;
}

/** `leadflow dlq list | show <offset> | redrive`: look at the dead-letter topic and send letters back. */
export function dlqCommand(program: Command): void {
  const dlq = program.command('dlq').description('inspect the dead-letter topic and re-drive what it holds');
  dlq
    .command('list')
    .description('dead letters counted by original topic and reason, newest first')
    .action(async () => {
      await withPipeline(async (pipeline) => {
        const letters = await readDeadLetters(pipeline.kafka, pipeline.codecs);
        console.log(`${letters.length} dead letters on ${pipeline.codecs.deadLetter.topicName}`);
        for (const g of summarizeDeadLetters(letters)) console.log(`${String(g.count).padStart(6)}  ${when(g.newestAt)}  ${g.originalTopic}  ${g.reason}`);
      });
    });
  dlq
    .command('show')
    .description('one dead letter, its value decoded where possible and raw otherwise')
    .argument('<offset>', 'its offset on the dead-letter topic')
    .option('--partition <n>', 'its partition on the dead-letter topic (needed when several hold that offset)')
    .action(async (offset: string, options: { partition?: string }) => {
      await withPipeline(async (pipeline) => {
        const found = (await readDeadLetters(pipeline.kafka, pipeline.codecs)).filter(
          (l) => l.offset === offset && (options.partition === undefined || String(l.partition) === options.partition),
        );
        if (found.length !== 1) {
          console.error(found.length === 0 ? `no dead letter at offset ${offset}` : `offset ${offset} is on partitions ${found.map((f) => f.partition).join(', ')}: pass --partition`);
          process.exitCode = 2;
          return;
        }
        const [stored] = found as [StoredDeadLetter];
        const { value: _value, key, ...rest } = stored.letter;
        const keyText = key === undefined ? undefined : Buffer.from(key).toString('utf8');
        console.log(JSON.stringify({ dlq: { partition: stored.partition, offset: stored.offset }, key: keyText, ...rest, failedAt: when(rest.failedAt) }, null, 2));
        console.log(`value: ${await decodedValue(pipeline, stored)}`);
      });
    });
  dlq
    .command('redrive')
    .description('send dead letters back to their original topics (each at most once), with a provenance header')
    .option('--topic <name>', 'only letters from this original topic')
    .option('--reason <text>', 'only letters whose reason contains this text')
    .option('--since <time>', 'only letters that failed at or after this time (ISO 8601)')
    .option('--dry-run', 'say what would be sent, send nothing', false)
    .action(async (options: RedriveOptions) => {
      const since = options.since === undefined ? undefined : Date.parse(options.since);
      if (since !== undefined && Number.isNaN(since)) {
        console.error(`--since: not an ISO 8601 time: ${options.since}`);
        process.exitCode = 2;
        return;
      }
      await withPipeline(async (pipeline, pool, namespace) => {
        await migrate(pool, 'dlq', [outboxMigration, deadLetterRedrivesMigration]);
        const letters = (await readDeadLetters(pipeline.kafka, pipeline.codecs)).filter((l) => matchesFilter(l, { topic: options.topic, reason: options.reason, since }));
        const outbox = serviceOutbox(namespace, 'dlq-redrive');
        const result = await redriveDeadLetters({ pool, outbox, dlqTopic: pipeline.codecs.deadLetter.topicName }, letters, { dryRun: options.dryRun });
        const waiting = options.dryRun
          ? 0
          : await drainOutbox({ kafka: pipeline.kafka, pool, outbox, namespace, logger: createLogger('dlq', 'error'), durability: pipeline.durability, timeoutMs: RELAY_WAIT_MS });
        const verb = options.dryRun ? 'would re-drive' : 're-drove';
        console.log(`${verb} ${result.sent.length} dead letters; ${result.alreadyRedriven} matching ones were re-driven before and are left alone`);
        if (waiting > 0) console.log(`${waiting} of them not sent yet: they wait in the outbox, and the next \`dlq redrive\` sends them`);
        for (const g of summarizeDeadLetters(result.sent)) console.log(`${String(g.count).padStart(6)}  ${g.originalTopic}  ${g.reason}`);
      });
    });
}
