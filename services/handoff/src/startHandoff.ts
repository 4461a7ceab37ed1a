import { loadDataFile, startConsumerService, type RunningService } from '@leadflow/kit';
import type { HandoffConfig } from './config';
import { parseHandoffRules, type HandoffRules } from './domain';
import { eventStoreMigration } from './eventStore';
import { handOffBatch } from './kafka/handOffBatch';

export const loadHandoffRules = (path: string): HandoffRules =>
  loadDataFile('hand-off rules', path, (input) => {
    const parsed = parseHandoffRules(input);
    return parsed.ok ? { ok: true, value: parsed.rules } : parsed;
  });

/** The composition root of hand-off: rules, the event store, the consumer of scores and its outputs. */
export async function startHandoff(config: HandoffConfig): Promise<RunningService> {
  const rules = loadHandoffRules(config.HANDOFF_RULES_FILE);
  return startConsumerService(config, {
    name: 'handoff',
    migrations: [eventStoreMigration],
    consumers: [
      {
        groupId: config.HANDOFF_GROUP_ID,
        subscribe: (codecs) => [codecs.scores] as never,
        handler: ({ producer, codecs }) => handOffBatch({ rules, producer, codecs }) as never,
      },
    ],
  });
}
