import type { LeadActivityEvent } from '@leadflow/schemas';
import { DAY_MS } from './decay';
import { foldActivity } from './foldActivity';
import { initialLeadScoreState, type LeadScoreState } from './leadScoreState';
import type { ScoringModel } from './scoringModel';

/**
 * A lead's applied events in event-time order (ties by id), kept so that its scores at each of its
 * event times can be evaluated again when an earlier event arrives late. Events older than the
 * model's horizon before the stream time are folded into `base`: an event that old is refused, so
 * none can arrive before them any more. Bounded by the events of one horizon.
 */
export type LeadHistory = { base: LeadScoreState; events: LeadActivityEvent[] };

export const emptyLeadHistory = (): LeadHistory => ({ base: initialLeadScoreState(), events: [] });

/** Event-time order, ties by event id: the order a lead's trajectory is folded in. */
export const byEventTime = (a: LeadActivityEvent, b: LeadActivityEvent): number =>
  a.occurredAt - b.occurredAt || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/** The history with `events` added in place, and what fell behind the horizon folded into its base. */
export function withEvents(
  history: LeadHistory,
  events: readonly LeadActivityEvent[],
  streamTime: number,
  model: ScoringModel,
): LeadHistory {
  const all = [...history.events, ...events].sort(byEventTime);
  // A day beyond the horizon: ingest's clock and the lead's stream time may differ a little.
  const cutoff = streamTime - (model.maxEventAgeDays + 1) * DAY_MS;
  const kept = all.findIndex((e) => e.occurredAt >= cutoff);
  const behind = kept === -1 ? all.length : kept;
  if (behind === 0) return { base: history.base, events: all };
  return { base: all.slice(0, behind).reduce((s, e) => foldActivity(s, e, model), history.base), events: all.slice(behind) };
}
