import type { LeadActivityEvent, LeadScored } from '@leadflow/schemas';
import {
  decide,
  evolve,
  initialLeadLifecycleState,
  type HandoffRules,
  type LeadLifecycleState,
  type RoutingSnapshot,
} from '@leadflow/handoff';
import {
  checkEventAge,
  emptyLeadHistory,
  evaluateScores,
  foldActivity,
  initialLeadScoreState,
  withEvents,
  type LeadHistory,
  type LeadScoreState,
  type ScoreEvaluation,
  type ScoringModel,
} from '@leadflow/scoring';

/** One lead's history scored under one model. */
export interface LeadUnderModel {
  state: LeadScoreState;
  /** The scores at the evaluation time. */
  evaluation: ScoreEvaluation;
  /** The events folded (id and event time), in event-time order. */
  applied: { eventId: string; occurredAt: number }[];
  /** The latest event time folded (0 for none): the stream time the scoring service keeps. */
  streamTime: number;
  /** The events folded, kept as the scoring service keeps them, so a late event is refolded in its place. */
  history: LeadHistory;
  /** Events beyond the model's horizon when they were received: not folded. */
  skipped: number;
  reachedMql: boolean;
  reachedSql: boolean;
}

/** Who owns a lead does not decide whether it qualifies: every team's rotation starts afresh. */
const FRESH_ROTATIONS: RoutingSnapshot = { rotations: {} };

/** The scores the live service would publish right after `event`, evaluated at the event's time. */
function scoresAfter(leadId: string, state: LeadScoreState, model: ScoringModel, event: LeadActivityEvent): LeadScored {
  const evaluation = evaluateScores(state, model, event.occurredAt);
  return {
    eventId: event.eventId,
    leadId,
    modelVersion: model.version,
    evaluatedAt: event.occurredAt,
    cause: 'event',
    causeEventIds: [event.eventId],
    fit: evaluation.fit,
    intent: evaluation.intent,
    readiness: evaluation.readiness,
    total: evaluation.total,
    grade: evaluation.grade,
    breakdown: evaluation.breakdown,
    signals: evaluation.signals,
    eventsApplied: state.eventsApplied,
  };
}

/**
 * Folds a lead's history (in event-time order) under `model` and evaluates it at `atMs`. The
 * hand-off is replayed along the way: the scores after each event go to the lifecycle decider, as
 * the live pipeline would send them, to learn whether the lead becomes an MQL and an SQL.
 */
export function scoreLeadHistory(
  leadId: string,
  events: readonly LeadActivityEvent[],
  model: ScoringModel,
  rules: HandoffRules,
  atMs: number,
): LeadUnderModel {
  let state = initialLeadScoreState();
  let lifecycle: LeadLifecycleState = initialLeadLifecycleState();
  const reached = new Set<string>();
  const applied: LeadActivityEvent[] = [];
  let skipped = 0;
  let streamTime = 0;
  for (const event of events) {
    if (checkEventAge(event, model, event.receivedAt) !== undefined) {
      skipped += 1;
      continue;
    }
    state = foldActivity(state, event, model);
    applied.push(event);
    streamTime = Math.max(streamTime, event.occurredAt);
    const scores = scoresAfter(leadId, state, model, event);
    const decision = decide({ type: 'ApplyScores', leadId, scores, now: event.occurredAt }, lifecycle, rules, FRESH_ROTATIONS);
    for (const change of decision.events) {
      lifecycle = evolve(lifecycle, change);
      reached.add(change.type);
    }
  }
  return {
    state,
    evaluation: evaluateScores(state, model, atMs),
    applied: applied.map((e) => ({ eventId: e.eventId, occurredAt: e.occurredAt })),
    streamTime,
    history: withEvents(emptyLeadHistory(), applied, streamTime, model),
    skipped,
    reachedMql: reached.has('lead_qualified_mql'),
    // A hand-off still settling at the end of the history is an SQL once its window passes.
    reachedSql: reached.has('lead_qualified_sql') || lifecycle.pendingSql !== undefined,
  };
}
