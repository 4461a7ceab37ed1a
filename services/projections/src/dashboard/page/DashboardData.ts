import type { CampaignPerformance } from '../queries/readCampaignPerformance';
import type { FunnelDay } from '../queries/readFunnelDaily';
import type { GradeDay } from '../queries/readGradeDistribution';
import type { SlaOwnerPerformance } from '../queries/readSlaPerformance';
import type { SuccessMetric } from '../queries/readSuccessMetrics';
import type { UntouchedSql } from '../queries/readUntouchedSqls';

/** Everything the page shows, read from the views at one moment. */
export interface DashboardData {
  /** When it was read, ISO 8601. */
  asOf: string;
  /** The window of the funnel and the grade distribution, in days up to today. */
  days: number;
  funnel: FunnelDay[];
  grades: GradeDay[];
  sla: SlaOwnerPerformance[];
  campaigns: CampaignPerformance[];
  untouched: UntouchedSql[];
  metrics: SuccessMetric[];
}
