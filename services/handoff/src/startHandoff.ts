import { DeadLetterPublisher, defineConsumer, groupIdOf, loadDataFile, startConsumerService, topicNamesOf, type RunningService } from '@leadflow/kit';
import { handoffGroups } from './consumerGroups';
import type { HandoffConfig } from './config';
import { handoffMigrations } from './db/handoffMigrations';
import { parseHandoffRules, type HandoffRules } from './domain';
import { eventStoreMigration } from './eventStore';
import { HANDOFF_SERVICE } from './handoffOutbox';
import { eventTimeOfInput, handOffBatch } from './kafka/handOffBatch';
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
  const groups = handoffGroups(config);
  const groupId = groupIdOf(groups.handoff, config.TOPIC_NAMESPACE);
  return startConsumerService(config, {
    name: HANDOFF_SERVICE,
    migrations: [eventStoreMigration, ...handoffMigrations],
    consumers: [defineConsumer({ ...groups.handoff, handle: ({ outbox, codecs }) => handOffBatch({ rules, outbox, codecs }), eventTimeOf: eventTimeOfInput })],
    workers: async ({ kafka, pool, outbox, codecs, logger, metrics }) => {
      registerTimerGauges(metrics, pool);
      const admin = kafka.admin();
      await admin.connect();
      const ticker = startTimerTicker({
        pool,
        admin,
        deps: { rules, outbox, codecs },
        deadLetters: new DeadLetterPublisher(outbox, codecs.deadLetter, groupId),
        groupId,
        inputTopics: topicNamesOf(groups.handoff, config.TOPIC_NAMESPACE),
        intervalMs: config.HANDOFF_TIMER_INTERVAL_MS,
        allowedLatenessMs: config.HANDOFF_TIMER_ALLOWED_LATENESS_MS,
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
