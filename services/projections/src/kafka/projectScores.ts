import type { PoolClient } from 'pg';
import type { LeadScored } from '@leadflow/schemas';
import { deleteStaleGradeDays } from '../db/deleteStaleGradeDays';
import { upsertGradeDays } from '../db/upsertGradeDays';
import { upsertLatestScores } from '../db/upsertLatestScores';
import { foldGradeDays, foldLatestScores } from '../domain';

/** Scores: the leads' latest scores and touches, and their grade per day along their trajectory. */
export async function projectScores(tx: PoolClient, scores: LeadScored[]): Promise<void> {
  await upsertLatestScores(tx, foldLatestScores(scores));
  await upsertGradeDays(tx, foldGradeDays(scores));
  await deleteStaleGradeDays(tx, scores.map((s) => s.leadId));
}
