import type { LeadActivityEvent } from '@leadflow/schemas';
import { foldActivity } from './foldActivity';
import { byEventTime, withEvents, type LeadHistory } from './leadHistory';
import type { LeadScoreState } from './leadScoreState';
import { nextGradeCrossing } from './nextGradeCrossing';
import type { ScoringModel } from './scoringModel';

/**
 * One point of a lead's score trajectory: the fold of its events with occurredAt ≤ `at`, to be
 * evaluated at `at`. `cause` is `event` at an event time (`eventIds` are the events of that
 * instant), `decay` at a grade crossing between two event times.
 */
export type TrajectoryPoint = { at: number; state: LeadScoreState; cause: 'event' | 'decay'; eventIds: string[] };

/** What scoring keeps of a lead: the fold of all its events, its latest event time and its history. */
export type ScoredLead = { state: LeadScoreState; streamTime: number; history: LeadHistory };

/** Where a trajectory is folded on from: a state and the latest event time it holds (none for no event). */
type Start = { state: LeadScoreState; at: number | undefined };

/** The grade crossings of `state` after `from` and before `until`. */
function crossingsBetween(state: LeadScoreState, from: number, until: number, model: ScoringModel): TrajectoryPoint[] {
  const points: TrajectoryPoint[] = [];
  for (let c = nextGradeCrossing(state, model, from, { before: until }); c && c.at < until; c = nextGradeCrossing(state, model, c.at, { before: until })) {
    points.push({ at: c.at, state, cause: 'decay', eventIds: [] });
  }
  return points;
}

/** Folds `events` (in event-time order, all later than `start`) onto `start`, one point per instant and crossing. */
function foldTrajectory(start: Start, events: readonly LeadActivityEvent[], model: ScoringModel): { points: TrajectoryPoint[]; state: LeadScoreState } {
  const points: TrajectoryPoint[] = [];
  let { state, at } = start;
  for (let i = 0; i < events.length; ) {
    const instant = (events[i] as LeadActivityEvent).occurredAt;
    let j = i;
    while (j < events.length && (events[j] as LeadActivityEvent).occurredAt === instant) j++;
    if (at !== undefined) points.push(...crossingsBetween(state, at, instant, model));
    const group = events.slice(i, j);
    state = group.reduce((s, e) => foldActivity(s, e, model), state);
    points.push({ at: instant, state, cause: 'event', eventIds: group.map((e) => e.eventId) });
    [at, i] = [instant, j];
  }
  return { points, state };
}

/**
 * Applies a lead's new (deduplicated) events and returns the points of its trajectory they make:
 * S(t) for every event time t from the earliest new event on, and the grade crossings between
 * consecutive event times from the one before it. The trajectory depends only on the set of events,
 * so whatever order they arrive in, every point published from a partial picture is later published
 * again from the whole one (the same instant counting more events), and the last points are the same.
 * In event-time order the fold goes on from the stored state; a late event refolds from the history.
 */
export function applyToTrajectory(
  lead: ScoredLead,
  fresh: readonly LeadActivityEvent[],
  model: ScoringModel,
): ScoredLead & { points: TrajectoryPoint[] } {
  const sorted = [...fresh].sort(byEventTime);
  const from = sorted[0]?.occurredAt ?? Infinity;
  const streamTime = Math.max(lead.streamTime, ...sorted.map((e) => e.occurredAt));
  const history = withEvents(lead.history, sorted, streamTime, model);
  const seenAny = lead.state.eventsApplied > 0;
  const folded =
    !seenAny || from > lead.streamTime
      ? foldTrajectory({ state: lead.state, at: seenAny ? lead.streamTime : undefined }, sorted, model)
      : refoldFrom(history, from, model);
  return { state: folded.state, streamTime, history, points: folded.points };
}

function refoldFrom(history: LeadHistory, from: number, model: ScoringModel): { points: TrajectoryPoint[]; state: LeadScoreState } {
  const before = history.events.filter((e) => e.occurredAt < from);
  const start: Start = { state: before.reduce((s, e) => foldActivity(s, e, model), history.base), at: before.at(-1)?.occurredAt };
  return foldTrajectory(start, history.events.slice(before.length), model);
}
