import type { LeadScored, Stage } from '@leadflow/schemas';
import { closePendingSla } from './closePendingSla';
import { handOffToSales } from './handOffToSales';
import type { HandoffRules } from './handoffRules';
import type { ApplyScores } from './leadCommand';
import type { LeadTransition } from './leadEvent';
import type { LeadLifecycleState } from './leadLifecycleState';
import { qualification, type Qualification, type SqlRoute } from './qualification';
import type { RoutingSnapshot } from './routingSnapshot';
import { scoreSnapshotOf } from './scoreSnapshotOf';

type Scoring = { scores: LeadScored; now: number; rules: HandoffRules; routing: RoutingSnapshot };

const WITHDRAWN = 'contact consent withdrawn';

const isStale = (s: LeadScored, state: LeadLifecycleState): boolean =>
  state.lastScores !== undefined && s.evaluatedAt < state.lastScores.evaluatedAt;

// A lead sales rejected still scores high: only new activity after the recycle brings it back,
// or every decay tick would hand it straight back to the sales team that returned it.
const showsNewInterest = (s: LeadScored, state: LeadLifecycleState, now: number): boolean =>
  s.cause === 'event' && now > (state.recycledAt ?? -Infinity);

/**
 * An MQL qualifying for sales is handed off at once, or, with a settling window, once the window has
 * passed in event time: scores arriving meanwhile (events of the same moment on slower topics) refresh
 * what will be handed off, and the hand-off carries the latest of them.
 */
function handOff(route: SqlRoute, state: LeadLifecycleState, { scores, now, rules, routing }: Scoring): LeadTransition[] {
  if (rules.sqlSettlingSeconds === 0) return handOffToSales(scores, 'mql', route, now, rules, routing);
  const dueAt = state.pendingSql?.dueAt ?? now + rules.sqlSettlingSeconds * 1000;
  return [{ type: 'sql_settling', payload: { dueAt, route, scores } }];
}

const dropSettling = (state: LeadLifecycleState, reason: string): LeadTransition[] =>
  state.pendingSql ? [{ type: 'sql_settling_dropped', payload: { reason } }] : [];

/** A lead qualifying straight for sales passes through MQL too, so the funnel counts both steps. */
function qualify(q: Qualification, fromStage: Stage, state: LeadLifecycleState, scoring: Scoring): LeadTransition[] {
  if (q.level === 'none') return [];
  const mql: LeadTransition = { type: 'lead_qualified_mql', payload: { ...scoreSnapshotOf(scoring.scores), fromStage } };
  return q.level === 'sql' ? [mql, ...handOff(q.route, state, scoring)] : [mql];
}

function requalify(q: Qualification, state: LeadLifecycleState, scoring: Scoring): LeadTransition[] {
  if (q.level === 'none' || !showsNewInterest(scoring.scores, state, scoring.now)) return [];
  const recycledFor = state.recycledReason ?? 'unknown';
  return [{ type: 'lead_requalified', payload: { fromStage: 'recycled', recycledFor } }, ...qualify(q, 'recycled', state, scoring)];
}

/** An MQL whose grade falls to F starts the decay clock; rising above F stops it. */
function decayNotes(s: LeadScored, state: LeadLifecycleState): LeadTransition[] {
  const payload = { scoresEventId: s.eventId, total: s.total, grade: s.grade };
  if (s.grade === 'F' && state.decayedSince === undefined) return [{ type: 'mql_decay_started', payload }];
  if (s.grade !== 'F' && state.decayedSince !== undefined) return [{ type: 'mql_decay_cleared', payload }];
  return [];
}

function byStage(state: LeadLifecycleState, scoring: Scoring): LeadTransition[] {
  const { scores, rules } = scoring;
  const q = qualification(scores, rules);
  switch (state.stage) {
    case 'lead':
      return qualify(q, 'lead', state, scoring);
    case 'recycled':
      return requalify(q, state, scoring);
    case 'mql':
      return q.level === 'sql'
        ? handOff(q.route, state, scoring)
        : [...dropSettling(state, 'scores no longer qualify for sales'), ...decayNotes(scores, state)];
    case 'sql':
    case 'accepted':
    case 'opportunity':
    case 'won':
    case 'lost':
    case 'disqualified':
      return [];
    default: {
      const unexpected: never = state.stage;
      throw new Error(`unknown stage ${String(unexpected)}`);
    }
  }
}

/**
 * What new scores change: a withdrawn consent marks the lead do-not-contact once and stops its SLA
 * clock, and nothing is handed to sales after; otherwise the lead qualifies as far as its scores
 * take it from where it stands. Scores older than those last applied change nothing.
 */
export function scoresTransitions(
  { scores, now }: ApplyScores,
  state: LeadLifecycleState,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): LeadTransition[] {
  if (state.doNotContact || isStale(scores, state)) return [];
  if (scores.signals.contactConsent === 'withdrawn') {
    const marked: LeadTransition = { type: 'lead_marked_do_not_contact', payload: { reason: WITHDRAWN } };
    return [marked, ...closePendingSla(state, { cancelled: WITHDRAWN }, now), ...dropSettling(state, WITHDRAWN)];
  }
  return byStage(state, { scores, now, rules, routing });
}
