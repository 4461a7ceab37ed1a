import { Pool } from 'pg';
import { ConfigError, MasterKeys } from '@leadflow/kit';
import { competitorRevealer, type ScoringModel } from '@leadflow/scoring';
import type { LeadHistory } from './compareModels';

/**
 * The replayed histories as the live scoring service folds them: an identification's sealed company
 * that names a competitor of either model gets that model's name, as `competitorRevealer` does live.
 * Without a master key the companies stay sealed and the competitor check cannot see them: said on `warn`.
 */
export async function revealReplayedCompetitors(
  histories: LeadHistory[],
  models: { before: ScoringModel; after: ScoringModel },
  settings: { DATABASE_URL: string; LEADFLOW_MASTER_KEY?: string; LEADFLOW_MASTER_KEY_FILE?: string },
  warn: (line: string) => void,
): Promise<LeadHistory[]> {
  let masters: MasterKeys;
  try {
    masters = MasterKeys.fromEnvironment(settings);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    warn(`no master key (${error.message}): sealed companies stay sealed, so the replay's competitor check cannot see them\n`);
    return histories;
  }
  const pool = new Pool({ connectionString: settings.DATABASE_URL, max: 1 });
  try {
    const reveal = competitorRevealer(pool, masters);
    return await Promise.all(histories.map(async (h) => ({ ...h, events: await reveal(await reveal(h.events, models.before), models.after) })));
  } finally {
    await pool.end();
  }
}
