import type { SlaOwnerPerformance } from '../queries/readSlaPerformance';

/** SLA outcomes of a team: the sum of its owners'. */
export interface TeamSla {
  team: string;
  started: number;
  met: number;
  breached: number;
  /** Started and neither met nor breached yet. */
  open: number;
  /** met ÷ (met + breached): the SLAs already decided; null before any is. */
  metRate: number | null;
}

/** Adds up the owners of each team; teams in name order. */
export function slaByTeam(rows: SlaOwnerPerformance[]): TeamSla[] {
  const teams = new Map<string, TeamSla>();
  for (const row of rows) {
    const team = teams.get(row.team) ?? { team: row.team, started: 0, met: 0, breached: 0, open: 0, metRate: null };
    team.started += row.started;
    team.met += row.met;
    team.breached += row.breached;
    teams.set(row.team, team);
  }
  return [...teams.values()]
    .sort((a, b) => a.team.localeCompare(b.team))
    .map((t) => ({ ...t, open: Math.max(0, t.started - t.met - t.breached), metRate: t.met + t.breached > 0 ? t.met / (t.met + t.breached) : null }));
}
