import type { PoolClient } from 'pg';

/**
 * Raises the applied ids floor to `floor` (it never falls) and returns the floor in force. Raising
 * waits for the batches holding the old floor (see lockAppliedFloor); it happens once a day.
 */
export async function raiseAppliedFloor(tx: PoolClient, floor: number): Promise<number> {
  const { rows } = await tx.query<{ occurred_before: string }>(
    `with raised as (
       update scoring_applied_floor set occurred_before = $1
       where occurred_before is null or occurred_before < $1 returning occurred_before)
     select coalesce((select occurred_before from raised), (select occurred_before from scoring_applied_floor)) as occurred_before`,
    [floor],
  );
  return Number(rows[0]?.occurred_before ?? floor);
}
