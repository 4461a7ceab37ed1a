import { Command } from 'commander';
import { z } from 'zod';
import { loadConfig, testing } from '@leadflow/kit';
import { ingestConfigSchema, startIngest } from '@leadflow/ingest';
import { fuzzIngestRequests } from './fuzzIngestRequests';
import { runBenchMain } from './runBenchMain';
import { withBenchRun } from './withBenchRun';

const API_KEY = 'fuzz-key-0123456789';

const optionsSchema = z.object({
  requests: z.coerce.number().int().min(1).max(10_000_000).default(10_000),
  seed: z.coerce.number().int().default(() => Math.floor(Math.random() * 2 ** 31)),
  concurrency: z.coerce.number().int().min(1).max(256).default(8),
});

/**
 * `npm run fuzz:ingest -- --requests 100000 [--seed n]`: hostile requests against ingest on the
 * local stack, in an isolated run; fails on any 5xx or unanswered request, or on an accepted event
 * that Kafka does not hold as a valid record. The seed is printed, so a failure can be replayed.
 */
runBenchMain('fuzz-ingest', async () => {
  const flags = new Command('fuzz:ingest')
    .option('--requests <n>', 'hostile requests to send (default 10000)')
    .option('--seed <n>', 'fast-check seed (default: random, printed)')
    .option('--concurrency <n>', 'requests at once (default 8)')
    .parse(process.argv.slice(2), { from: 'user' })
    .opts<Record<string, string | undefined>>();
  const options = loadConfig(optionsSchema, flags as NodeJS.ProcessEnv);
  console.log(`fuzzing ingest with ${options.requests} requests, seed ${options.seed}`);
  return withBenchRun(ingestConfigSchema, async ({ run, kafka, codecs, teardown }) => {
    const ingest = await startIngest(loadConfig(ingestConfigSchema, { ...run.env, INGEST_PORT: '0', INGEST_API_KEYS: `${API_KEY}:fuzz`, INGEST_RATE_PER_KEY: '1000000', INGEST_BURST_PER_KEY: '1000000' }));
    teardown.add('stop ingest', () => ingest.stop());
    const outcome = await fuzzIngestRequests(ingest.url, API_KEY, options.requests, options.seed, options.concurrency);
    const stored = new Set(
      [
        ...(await testing.readTopic(kafka, codecs.engagement, 120_000)),
        ...(await testing.readTopic(kafka, codecs.conversation, 120_000)),
        ...(await testing.readTopic(kafka, codecs.identity, 120_000)),
      ].map((r) => r.eventId),
    );
    const missing = outcome.acceptedIds.filter((id) => !stored.has(id));
    const problems = [
      ...outcome.failures.slice(0, 20).map((f) => `${f.status} for ${f.kind}: ${f.detail}`),
      ...(outcome.failures.length > 20 ? [`… ${outcome.failures.length - 20} more failures`] : []),
      ...(missing.length > 0 ? [`${missing.length} accepted events are not on the topics`] : []),
    ].map((p) => `seed ${options.seed}: ${p}`);
    const table = [
      `requests  ${outcome.requests}`,
      `seed      ${options.seed}`,
      `statuses  ${Object.entries(outcome.statuses).map(([s, n]) => `${s}: ${n}`).join(', ')}`,
      `accepted  ${outcome.acceptedIds.length} events, all on the topics as valid records: ${missing.length === 0 ? 'yes' : 'no'}`,
    ].join('\n');
    return { table, figures: { seed: options.seed, requests: outcome.requests, statuses: outcome.statuses, accepted: outcome.acceptedIds.length, failures: outcome.failures.length }, problems };
  });
});
