import type { Command } from 'commander';
import { createProducer } from '@leadflow/kit';
import { withPrivacyTools } from '../privacy/withPrivacyTools';
import { migrateTopic, type MigrationReport } from './migrateTopic';

const describe = (r: MigrationReport, deadLetterTopic: string): string =>
  `${r.from} → ${r.to}: ${r.read} read; ${r.migrated} written, ${r.alreadyOnTarget} already there; ` +
  `${r.deadLettered} dead-lettered to ${deadLetterTopic} with the reason (${r.alreadyDeadLettered} by an earlier run)`;

/** `leadflow topics migrate`: an input topic's history under its former contract, copied to today's topic. */
export function registerTopicsCommand(program: Command, env: NodeJS.ProcessEnv = process.env): void {
  program
    .command('topics')
    .description('the pipeline topics')
    .command('migrate')
    .description('copy an input topic written under its former contract (leads.outcome.v1, leads.conversation.v1) to today’s topic, converted; idempotent (re-run writes only what is missing)')
    .requiredOption('--from <topic>', 'the topic of the former contract, e.g. leads.outcome.v1')
    .requiredOption('--to <topic>', 'today’s topic, e.g. leads.outcome.v2 (with the pipeline’s TOPIC_NAMESPACE)')
    .action(async (options: { from: string; to: string }) => {
      const line = await withPrivacyTools(env, async ({ pipeline, keyring, namespace }) => {
        const producer = await createProducer(pipeline.kafka);
        try {
          const report = await migrateTopic({ ...pipeline, keyring, producer, namespace, now: Date.now }, options.from, options.to);
          return describe(report, pipeline.codecs.deadLetter.topicName);
        } finally {
          await producer.disconnect();
        }
      });
      console.log(line);
      console.log('derived topics (activity-by-lead, scores, lifecycle, sla, recycled) are not migrated: the services rebuild them by replaying the inputs');
    });
}
