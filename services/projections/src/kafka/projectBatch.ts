import type { BatchHandler } from '@leadflow/kit';
import type { LeadScored } from '@leadflow/schemas';
import { upsertLatestScores } from '../db/upsertLatestScores';
import { upsertStageChanges } from '../db/upsertStageChanges';
import { foldStageChanges, type StageEvent } from '../domain/foldStageChanges';

const isScores = (value: LeadScored | StageEvent): value is LeadScored => 'grade' in value && 'breakdown' in value;

/** Writes a batch of scores or lifecycle events into the read models with one statement each. */
export function projectBatch(): BatchHandler<LeadScored | StageEvent> {
  return async (records, tx) => {
    const values = records.map((r) => r.value);
    const scores = values.filter(isScores);
    const latest = new Map<string, LeadScored>();
    for (const s of scores) {
      const seen = latest.get(s.leadId);
      if (!seen || seen.evaluatedAt <= s.evaluatedAt) latest.set(s.leadId, s);
    }
    await upsertLatestScores(tx, [...latest.values()]);
    await upsertStageChanges(tx, foldStageChanges(values.filter((v): v is StageEvent => !isScores(v))));
    return [];
  };
}
