import type { BatchHandler } from '@leadflow/kit';
import type { LeadScored, OutcomeEvent, SlaEvent } from '@leadflow/schemas';
import { deleteRetractedFacts } from '../db/deleteRetractedFacts';
import { insertSlaFacts } from '../db/insertSlaFacts';
import { upsertVisitors } from '../db/upsertVisitors';
import { foldVisitorSightings, retractedEventIds, slaFactsOf, type StageEvent, type VisitEvent } from '../domain';
import { projectedTopicOf, type ProjectedTopic } from './projectedTopics';
import { projectOutcomes } from './projectOutcomes';
import { projectScores } from './projectScores';
import { projectStageEvents } from './projectStageEvents';

/** Everything projections consumes. */
export type ProjectedValue = LeadScored | StageEvent | SlaEvent | OutcomeEvent | VisitEvent;

/**
 * Writes a batch into the read models with one statement per table, in the consumer's transaction
 * (which stores the offsets too). Every write is idempotent on its own, so records published twice
 * change nothing either.
 */
export function projectBatch(): BatchHandler<ProjectedValue> {
  return async (records, tx) => {
    const byTopic = new Map<ProjectedTopic, ProjectedValue[]>();
    for (const record of records) {
      const topic = projectedTopicOf(record.topic);
      if (!topic) throw new TypeError(`projections does not read topic ${record.topic}`);
      const values = byTopic.get(topic) ?? [];
      values.push(record.value);
      byTopic.set(topic, values);
    }
    for (const [topic, values] of byTopic) {
      switch (topic) {
        case 'scores':
          await projectScores(tx, values as LeadScored[]);
          break;
        case 'lifecycle':
        case 'recycled':
          await projectStageEvents(tx, values as StageEvent[]);
          break;
        case 'sla':
          await insertSlaFacts(tx, slaFactsOf(values as SlaEvent[]));
          await deleteRetractedFacts(tx, retractedEventIds(values as SlaEvent[]).eventIds);
          break;
        case 'outcome':
          await projectOutcomes(tx, values as OutcomeEvent[]);
          break;
        case 'engagement':
        case 'identity':
          await upsertVisitors(tx, foldVisitorSightings(values as VisitEvent[]));
          break;
        default: {
          const unhandled: never = topic;
          throw new TypeError(`unhandled topic ${String(unhandled)}`);
        }
      }
    }
    return [];
  };
}
