import type { PoolClient } from 'pg';
import type { LeadScored } from '@leadflow/schemas';
import { upsertGradeDays } from '../db/upsertGradeDays';
import { upsertLatestScores } from '../db/upsertLatestScores';
import { foldGradeDays, foldLatestScores } from '../domain';

/** Scores: the leads' latest scores and touches, and their grade per day. */
export async function projectScores(tx: PoolClient, scores: LeadScored[]): Promise<void> {
  await upsertLatestScores(tx, foldLatestScores(scores));
  await upsertGradeDays(tx, foldGradeDays(scores));
}
