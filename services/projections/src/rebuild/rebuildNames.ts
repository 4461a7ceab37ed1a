import { ConfigError } from '@leadflow/kit';

/** The schemas one rebuild works with. */
export interface RebuildNames {
  /** The live read models, e.g. `analytics`. */
  live: string;
  /** Where the rebuild replays into, e.g. `analytics_rebuild_20261125154109`. */
  rebuild: string;
  /** What the live schema is renamed to by the swap, e.g. `analytics_old_20261125154109`. */
  old: string;
  /** Prefix of every rebuild schema of `live`, so a run can find what an interrupted one left. */
  rebuildPrefix: string;
}

const MAX_IDENTIFIER = 63; // Postgres truncates longer names silently

/** Names derived from the live schema and the rebuild's start time (UTC, to the second). */
export function rebuildNames(live: string, startedAt: number): RebuildNames {
  const stamp = new Date(startedAt).toISOString().replace(/\D/g, '').slice(0, 14);
  const names = { live, rebuild: `${live}_rebuild_${stamp}`, old: `${live}_old_${stamp}`, rebuildPrefix: `${live}_rebuild_` };
  const tooLong = [names.rebuild, names.old].filter((name) => name.length > MAX_IDENTIFIER);
  if (tooLong.length > 0) throw new ConfigError(`PROJECTIONS_SCHEMA: ${tooLong.join(', ')} would exceed Postgres's ${MAX_IDENTIFIER} characters; use a shorter schema name`);
  return names;
}

/** A schema name as a quoted SQL identifier. */
export const quoted = (name: string): string => `"${name.replace(/"/g, '""')}"`;
