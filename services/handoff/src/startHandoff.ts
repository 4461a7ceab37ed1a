import { DeadLetterPublisher, loadDataFile, startConsumerService, type RunningService } from '@leadflow/kit';
import type { HandoffConfig } from './config';
import { handoffMigrations } from './db/handoffMigrations';
import { parseHandoffRules, type HandoffRules } from './domain';
import { eventStoreMigration } from './eventStore';
import { handOffBatch } from './kafka/handOffBatch';
import { registerTimerGauges } from './timers/registerTimerGauges';
import { startTimerTicker } from './timers/startTimerTicker';

export const loadHandoffRules = (path: string): HandoffRules =>
  loadDataFile('hand-off rules', path, (input) => {
    const parsed = parseHandoffRules(input);
    return parsed.ok ? { ok: true, value: parsed.rules } : parsed;
  });

/**
 * The composition root of hand-off: the lead aggregate in the event store, the consumer of scores
 * and CRM outcomes, and the ticker that fires SLA and recycling timers nothing else fired.
 */
export async function startHandoff(config: HandoffConfig): Promise<RunningService> {
  const rules = loadHandoffRules(config.HANDOFF_RULES_FILE);
  const groupId = `${config.TOPIC_NAMESPACE}${config.HANDOFF_GROUP_ID}`;
  return startConsumerService(config, {
    name: 'handoff',
    migrations: [eventStoreMigration, ...handoffMigrations],
    consumers: [
      {
        groupId: config.HANDOFF_GROUP_ID,
        subscribe: (codecs) => [codecs.scores, codecs.outcome] as never,
        handler: ({ producer, codecs }) => handOffBatch({ rules, producer, codecs }) as never,
      },
    ],
    workers: async ({ kafka, pool, producer, codecs, logger, metrics }) => {
      registerTimerGauges(metrics, pool);
      const admin = kafka.admin();
      await admin.connect();
      const ticker = startTimerTicker({
        pool,
        admin,
        deps: { rules, producer, codecs },
        deadLetters: new DeadLetterPublisher(producer, codecs.deadLetter, groupId),
        groupId,
        inputTopics: [codecs.scores.topicName, codecs.outcome.topicName],
        intervalMs: config.HANDOFF_TIMER_INTERVAL_MS,
        batchSize: 200,
        logger,
      });
      const stop = async () => {
        await ticker.stop();
        await admin.disconnect();
      };
      return [{ stop }];
    },
  });
}
