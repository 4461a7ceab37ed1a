import type { Admin, Kafka } from 'kafkajs';
import type { z } from 'zod';
import { commonConfig, connectPipeline, createLogger, loadConfig, testing, type Codecs } from '@leadflow/kit';
import { stack } from '../commands/stack';
import { Teardown } from './Teardown';

/** What a benchmark runs in: an isolated namespace and database on the local stack. */
export interface BenchRun<C> {
  run: testing.IsolatedRun;
  config: C;
  kafka: Kafka;
  codecs: Codecs;
  admin: Admin;
  teardown: Teardown;
  /** Consumer groups the benchmark creates; they are deleted at the end. */
  groups: string[];
}

export const perSec = (count: number, ms: number): number => (ms > 0 ? (count * 1000) / ms : 0);

/**
 * Starts (or reuses) the stack, makes an isolated run configured by `configSchema`, and hands it to
 * `measure`; everything it created — database, topics, groups, connections — is removed again,
 * also when the measurement fails.
 */
export async function withBenchRun<S extends z.ZodType<z.infer<z.ZodObject<typeof commonConfig>>>, R>(
  configSchema: S,
  measure: (bench: BenchRun<z.infer<S>>) => Promise<R>,
): Promise<R> {
  if (stack(['up']) !== 0) throw new Error('the local stack (Kafka and the schema registry) did not start; see the lines above');
  const teardown = new Teardown();
  try {
    const run = await testing.isolatedRun('bench');
    teardown.add('drop the run database and topics', () => run.cleanUp());
    console.log(`isolated run ${run.id}: topics ${run.namespace}*, database ${new URL(run.databaseUrl).pathname.slice(1)}`);
    const config = loadConfig(configSchema, run.env);
    const { kafka, codecs } = await connectPipeline('leadflow-bench', config, createLogger('bench', 'error'));
    const admin = kafka.admin();
    await admin.connect();
    teardown.add('disconnect the admin client', () => admin.disconnect());
    const groups: string[] = [];
    teardown.add('delete the consumer groups', async () => {
      const existing = new Set((await admin.listGroups()).groups.map((g) => g.groupId));
      const ours = groups.filter((g) => existing.has(g));
      if (ours.length > 0) await admin.deleteGroups(ours);
    });
    return await measure({ run, config, kafka, codecs, admin, teardown, groups });
  } finally {
    const failures = await teardown.run();
    for (const failure of failures) console.error(`clean-up step failed: ${failure}`);
  }
}
