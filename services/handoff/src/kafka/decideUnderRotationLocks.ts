import type { PoolClient } from 'pg';
import { lockRotations, readRotations } from '../db/rotations';

type Rotations = Record<string, number>;

/** What deciding with given round-robin positions gives, and the positions after it. */
export interface RoutedDecision<R> {
  results: R;
  after: Rotations;
}

/**
 * Decides with the teams' positions read without locks, then locks only the rows of the teams the
 * decision routes to, in team order (after the lead locks every decider takes first), and decides
 * again when another transaction had moved one of them. Which team a lead goes to does not depend on
 * the positions (only the owner within it does), so the second decision routes to the same teams.
 * Returns the decision and the positions it was made from, to store the changes against.
 */
export async function decideUnderRotationLocks<R>(
  tx: PoolClient,
  teams: string[],
  decide: (rotations: Rotations) => RoutedDecision<R>,
): Promise<RoutedDecision<R> & { before: Rotations }> {
  let before = await readRotations(tx, teams);
  let decision = decide(before);
  const locked = new Set<string>();
  for (;;) {
    const needed = Object.keys(decision.after).filter((team) => decision.after[team] !== before[team] && !locked.has(team)).sort();
    if (needed.length === 0) return { ...decision, before };
    const current = await lockRotations(tx, needed);
    for (const team of needed) locked.add(team);
    if (needed.every((team) => (current[team] ?? 0) === (before[team] ?? 0))) continue;
    before = { ...before, ...current };
    decision = decide(before);
  }
}
