import type { FunnelDay } from '../queries/readFunnelDaily';

export type FunnelStageKey = 'leads' | 'mql' | 'sql' | 'accepted' | 'opportunities' | 'won';

/** One step of the funnel over a window: how many reached it and how many of the step before did. */
export interface FunnelStage {
  key: FunnelStageKey;
  label: string;
  count: number;
  /** count ÷ the previous stage's count; null for the first stage or when the previous is zero. */
  rateFromPrevious: number | null;
}

const stages: { key: FunnelStageKey; label: string; count: (row: FunnelDay) => number }[] = [
  { key: 'leads', label: 'Leads', count: (r) => r.newLeads },
  { key: 'mql', label: 'MQL', count: (r) => r.mql },
  { key: 'sql', label: 'SQL', count: (r) => r.sql },
  { key: 'accepted', label: 'Accepted', count: (r) => r.accepted },
  { key: 'opportunities', label: 'Opportunity', count: (r) => r.opportunities },
  { key: 'won', label: 'Won', count: (r) => r.won },
];

/** The funnel's totals over every day, campaign and source given, with step-to-step conversion. */
export function funnelStages(rows: FunnelDay[]): FunnelStage[] {
  const totals = stages.map((stage) => rows.reduce((sum, row) => sum + stage.count(row), 0));
  return stages.map((stage, i) => {
    const previous = i === 0 ? 0 : (totals[i - 1] ?? 0);
    return { key: stage.key, label: stage.label, count: totals[i] ?? 0, rateFromPrevious: previous > 0 ? (totals[i] ?? 0) / previous : null };
  });
}
