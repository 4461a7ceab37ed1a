import { grades, type Grade, type LeadActivityEvent } from '@leadflow/schemas';
import type { HandoffRules } from '@leadflow/handoff';
import type { ScoringModel } from '@leadflow/scoring';
import { byEventTime } from './byEventTime';
import { scoreLeadHistory, type LeadUnderModel } from './scoreLeadHistory';

/** A lead's activity as replayed, already deduplicated by event id. */
export interface LeadHistory {
  leadId: string;
  events: readonly LeadActivityEvent[];
}

/** The model the scoring service runs now, and the one that would replace it. */
export interface ModelPair {
  before: ScoringModel;
  after: ScoringModel;
}

export interface LeadRescore {
  leadId: string;
  before: LeadUnderModel;
  after: LeadUnderModel;
}

export type GradeCounts = Record<Grade, number>;

/** Leads reaching a stage under each model, and those reaching it under one model only. */
export interface StageDifference {
  reachedBefore: number;
  reachedAfter: number;
  onlyBefore: string[];
  onlyAfter: string[];
}

export interface ModelComparison {
  at: number;
  versions: { before: string; after: string };
  leads: LeadRescore[];
  events: number;
  /** Events beyond each model's horizon, not folded under it. */
  skipped: { before: number; after: number };
  latestEventAt: number | undefined;
  distribution: { before: GradeCounts; after: GradeCounts };
  /** `matrix[from][to]`: leads graded `from` under the current model and `to` under the new one. */
  matrix: Record<Grade, GradeCounts>;
  changed: { total: number; up: number; down: number };
  stages: { mql: StageDifference; sql: StageDifference };
}

const noGrades = (): GradeCounts => ({ A: 0, B: 0, C: 0, D: 0, F: 0 });

function stageDifference(leads: readonly LeadRescore[], reached: (lead: LeadUnderModel) => boolean): StageDifference {
  return {
    reachedBefore: leads.filter((l) => reached(l.before)).length,
    reachedAfter: leads.filter((l) => reached(l.after)).length,
    onlyBefore: leads.filter((l) => reached(l.before) && !reached(l.after)).map((l) => l.leadId),
    onlyAfter: leads.filter((l) => !reached(l.before) && reached(l.after)).map((l) => l.leadId),
  };
}

/** Leads per grade under each model, the change matrix, and how many leads moved up or down. */
function gradeTallies(leads: readonly LeadRescore[]): Pick<ModelComparison, 'distribution' | 'matrix' | 'changed'> {
  const distribution = { before: noGrades(), after: noGrades() };
  const matrix = Object.fromEntries(grades.map((g) => [g, noGrades()])) as Record<Grade, GradeCounts>;
  const changed = { total: 0, up: 0, down: 0 };
  for (const { before, after } of leads) {
    const from = before.evaluation.grade;
    const to = after.evaluation.grade;
    distribution.before[from] += 1;
    distribution.after[to] += 1;
    matrix[from][to] += 1;
    if (from === to) continue;
    changed.total += 1;
    // Grades are listed best first: a smaller index is a better grade.
    if (grades.indexOf(to) < grades.indexOf(from)) changed.up += 1;
    else changed.down += 1;
  }
  return { distribution, matrix, changed };
}

/**
 * Scores every lead's history under both models at `atMs` and compares: grades before and after,
 * the grade change matrix, and the MQL and SQL hand-offs that would happen under one model only.
 * Leads come out in id order (numbers in ids compared as numbers), whatever order they came in.
 */
export function compareModels(
  histories: readonly LeadHistory[],
  models: ModelPair,
  rules: HandoffRules,
  atMs: number,
): ModelComparison {
  const byLeadId = [...histories].sort((a, b) => a.leadId.localeCompare(b.leadId, 'en', { numeric: true }));
  const leads = byLeadId.map(({ leadId, events }): LeadRescore => {
    const ordered = [...events].sort(byEventTime);
    return {
      leadId,
      before: scoreLeadHistory(leadId, ordered, models.before, rules, atMs),
      after: scoreLeadHistory(leadId, ordered, models.after, rules, atMs),
    };
  });
  const times = histories.flatMap((h) => h.events.map((e) => e.occurredAt));
  return {
    at: atMs,
    versions: { before: models.before.version, after: models.after.version },
    leads,
    events: times.length,
    skipped: {
      before: leads.reduce((n, l) => n + l.before.skipped, 0),
      after: leads.reduce((n, l) => n + l.after.skipped, 0),
    },
    latestEventAt: times.length > 0 ? times.reduce((a, b) => Math.max(a, b)) : undefined,
    ...gradeTallies(leads),
    stages: { mql: stageDifference(leads, (l) => l.reachedMql), sql: stageDifference(leads, (l) => l.reachedSql) },
  };
}
