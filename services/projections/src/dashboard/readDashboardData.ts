import type { Pool } from 'pg';
import type { DashboardData } from './page/DashboardData';
import { readCampaignPerformance } from './queries/readCampaignPerformance';
import { readFunnelDaily } from './queries/readFunnelDaily';
import { readGradeDistribution } from './queries/readGradeDistribution';
import { readSlaPerformance } from './queries/readSlaPerformance';
import { readSuccessMetrics } from './queries/readSuccessMetrics';
import { readUntouchedSqls } from './queries/readUntouchedSqls';

/** The six views the page shows, read side by side. */
export async function readDashboardData(pool: Pool, options: { days: number; untouchedLimit: number; now: Date }): Promise<DashboardData> {
  const [funnel, grades, sla, campaigns, untouched, metrics] = await Promise.all([
    readFunnelDaily(pool, options.days),
    readGradeDistribution(pool, options.days),
    readSlaPerformance(pool),
    readCampaignPerformance(pool),
    readUntouchedSqls(pool, options.untouchedLimit),
    readSuccessMetrics(pool),
  ]);
  return { asOf: options.now.toISOString(), days: options.days, funnel, grades, sla, campaigns, untouched, metrics };
}
