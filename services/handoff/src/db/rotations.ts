import type { PoolClient } from 'pg';

/**
 * Current round-robin positions of the teams, read without locks (every team gets its row first,
 * so concurrent deciders never both start a team at zero). Lock the rows of the teams a decision
 * routes to with `lockRotations` before storing it.
 */
export async function readRotations(tx: PoolClient, teams: string[]): Promise<Record<string, number>> {
  await tx.query('insert into routing_rotations (team) select unnest($1::text[]) on conflict do nothing', [teams]);
  const { rows } = await tx.query<{ team: string; next_index: string }>('select team, next_index from routing_rotations where team = any($1::text[])', [teams]);
  return Object.fromEntries(rows.map((r) => [r.team, Number(r.next_index)]));
}

/** The positions of these teams, locked for this transaction in team order. */
export async function lockRotations(tx: PoolClient, teams: string[]): Promise<Record<string, number>> {
  const { rows } = await tx.query<{ team: string; next_index: string }>(
    'select team, next_index from routing_rotations where team = any($1::text[]) order by team for update',
    [teams],
  );
  return Object.fromEntries(rows.map((r) => [r.team, Number(r.next_index)]));
}

/** Stores the positions that changed. */
export async function saveRotations(tx: PoolClient, before: Record<string, number>, after: Record<string, number>): Promise<void> {
  const changed = Object.entries(after).filter(([team, index]) => before[team] !== index);
  if (changed.length === 0) return;
  await tx.query(
    `insert into routing_rotations (team, next_index) select * from unnest($1::text[], $2::bigint[])
     on conflict (team) do update set next_index = excluded.next_index`,
    [changed.map(([team]) => team), changed.map(([, index]) => index)],
  );
}
