import type { Pool } from 'pg';
import { inTransaction, type Codecs, type Outbox } from '@leadflow/kit';
import type { LeadScored } from '@leadflow/schemas';
import { claimEventIds, saveLeads, scoresOf, type ScoringModel } from '@leadflow/scoring';
import type { LeadRescore, ModelComparison } from './compareModels';
import { lockLeadScoreState } from './db/lockLeadScoreState';

export interface ApplyRescoreDeps {
  pool: Pool;
  /** Scoring's outbox: the new scores are written with the new state and relayed once it committed. */
  outbox: Outbox;
  codecs: Codecs;
  /** The new model, the one the comparison scored `after`. */
  model: ScoringModel;
}

export type AppliedRescore = { ok: true; published: number; rows: number } | { ok: false; reason: string };

const OUTBOX_CHUNK = 1_000;
const CLAIM_CHUNK = 10_000;
const UNDEFINED_TABLE = '42P01';

const chunksOf = <T>(items: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, (i + 1) * size));

/**
 * A lead's new-model state as the scoring service stores it (its stream time the latest event
 * time folded), evaluated at the re-scoring time, and
 * its scores with cause `rescore`. `scoresOf` derives the id from the lead, the cause, the model
 * version and the time, so applying the same re-scoring again publishes the same ids.
 */
function rescoredLead(lead: LeadRescore, model: ScoringModel, atMs: number) {
  const { state, streamTime, history } = lead.after;
  const stored = { leadId: lead.leadId, state, streamTime, lastEmitted: null, nextCrossingAt: null, history };
  const { row, scores } = scoresOf(stored, model, 'rescore', [], atMs);
  const record: LeadScored = { ...scores, previousGrade: lead.before.evaluation.grade };
  return { row, record };
}

/**
 * Makes the new model's scores live, in one Postgres transaction: every replayed lead's row of
 * `lead_score_state` is replaced by its new-model state (with its next grade crossing), the events
 * folded into it are marked applied so the scoring service does not fold them again when it
 * resumes, and a `LeadScored` per lead is written to scoring's outbox, to be published only if
 * all of that committed. Refused when the stored state is evaluated
 * later than the re-scoring: the hand-off ignores scores older than ones it has applied.
 */
export async function applyRescore(deps: ApplyRescoreDeps, comparison: ModelComparison): Promise<AppliedRescore> {
  const rescored = comparison.leads.map((lead) => rescoredLead(lead, deps.model, comparison.at));
  try {
    return await inTransaction(deps.pool, async (tx): Promise<AppliedRescore> => {
      const latest = await lockLeadScoreState(tx);
      if (latest !== undefined && latest > comparison.at) {
        const when = new Date(latest).toISOString();
        return { ok: false, reason: `the scoring state is evaluated up to ${when}, after --at; re-score at ${when} or later` };
      }
      await saveLeads(tx, rescored.map((r) => r.row));
      for (const ids of chunksOf(comparison.leads.flatMap((l) => l.after.applied), CLAIM_CHUNK)) await claimEventIds(tx, ids);
      for (const records of chunksOf(rescored.map((r) => r.record), OUTBOX_CHUNK)) await deps.outbox.write(tx, deps.codecs.scores, records);
      return { ok: true, published: rescored.length, rows: rescored.length };
    });
  } catch (error) {
    if ((error as { code?: string }).code !== UNDEFINED_TABLE) throw error;
    return { ok: false, reason: 'the scoring database has no lead_score_state table: start the scoring service once to create it' };
  }
}
