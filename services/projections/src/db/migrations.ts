import type { Migration } from '@leadflow/kit';
import { campaignCostsTable } from './tables/campaignCostsTable';
import { crmFreeTextLeftOut } from './tables/crmFreeTextLeftOut';
import { gradeDailyTable } from './tables/gradeDailyTable';
import { leadScoreAtFunction } from './functions/leadScoreAtFunction';
import { leadCurrentScoreDecay } from './tables/leadCurrentScoreDecay';
import { leadCurrentTable } from './tables/leadCurrentTable';
import { leadTransitionsTable } from './tables/leadTransitionsTable';
import { linkOpensTable } from './tables/linkOpensTable';
import { salesActivityTable } from './tables/salesActivityTable';
import { slaFactsTable } from './tables/slaFactsTable';
import { visitorsTable } from './tables/visitorsTable';
import { campaignPerformanceView } from './views/campaignPerformanceView';
import { funnelDailyView } from './views/funnelDailyView';
import { gradeCalibrationView } from './views/gradeCalibrationView';
import { gradeDistributionDailyView } from './views/gradeDistributionDailyView';
import { leadCurrentNowView } from './views/leadCurrentNowView';
import { linkOpensDailyView } from './views/linkOpensDailyView';
import { slaPerformanceView } from './views/slaPerformanceView';
import { successMetricsView } from './views/successMetricsView';
import { untouchedSqlsView } from './views/untouchedSqlsView';

/**
 * Read models for analysts: fact tables written from the topics, and the documented views over
 * them (docs/analytics.md). Applied in the service's schema, in name order.
 */
export const projectionMigrations: Migration[] = [
  leadCurrentTable,
  leadTransitionsTable,
  slaFactsTable,
  salesActivityTable,
  campaignCostsTable,
  visitorsTable,
  gradeDailyTable,
  leadCurrentScoreDecay,
  linkOpensTable,
  funnelDailyView,
  slaPerformanceView,
  untouchedSqlsView,
  campaignPerformanceView,
  gradeCalibrationView,
  gradeDistributionDailyView,
  successMetricsView,
  leadScoreAtFunction,
  leadCurrentNowView,
  linkOpensDailyView,
  crmFreeTextLeftOut,
];
