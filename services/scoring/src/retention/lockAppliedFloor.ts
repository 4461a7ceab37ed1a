import type { PoolClient } from 'pg';

/**
 * The applied ids floor, share-locked until the transaction ends: raising it waits for every batch
 * that read the old value, so no batch claims an id below a floor whose ids are being deleted.
 */
export async function lockAppliedFloor(tx: PoolClient): Promise<number | null> {
  const { rows } = await tx.query<{ occurred_before: string | null }>('select occurred_before from scoring_applied_floor for share');
  const floor = rows[0]?.occurred_before;
  return floor === undefined || floor === null ? null : Number(floor);
}
