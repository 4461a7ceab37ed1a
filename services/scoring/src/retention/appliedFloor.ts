import type { LeadActivityEvent } from '@leadflow/schemas';

const DAY_MS = 86_400_000;
/** Ingest refuses events more than this in the future, so no accepted event time lies further ahead of the wall clock. */
const MAX_FUTURE_SKEW_MS = 5 * 60_000;

/**
 * How long an applied event id is kept. An event is applied only within the model's horizon of
 * its receipt (`checkEventAge`), and ingest receives it at most the horizon after it occurred; so
 * once the stream has moved the horizon plus a margin past an event time, an event of that time can
 * arrive only if it lagged the stream by more than the margin (a redelivery, held visitor activity
 * released at a late identification). Ids older than that are deleted, and events older than that
 * are refused as too old: none is ever applied twice.
 */
export interface AppliedIdsBound {
  horizonDays: number;
  /** How far behind the stream an event may still arrive; at least the grace of held visitor activity. */
  marginDays: number;
}

/**
 * Where the stream is, for retention: the latest event time scoring holds, but never past the wall
 * clock plus the skew ingest allows, so one event dated far ahead cannot push the floor up.
 * In a replay the latest event time lags the wall clock, and the floor follows the replay.
 */
export const retentionStreamTime = (latestEventTime: number, nowMs: number): number => Math.min(latestEventTime, nowMs + MAX_FUTURE_SKEW_MS);

/** Events that occurred before this are refused and their ids deleted, once the stream has reached `streamTime`; whole days, so it rises once a day. */
export const appliedFloorAt = (bound: AppliedIdsBound, streamTime: number): number =>
  Math.floor((streamTime - (bound.horizonDays + bound.marginDays) * DAY_MS) / DAY_MS) * DAY_MS;

/** Why an event is refused for occurring before the floor (its id may be deleted), or undefined. */
export function checkAppliedFloor(event: Pick<LeadActivityEvent, 'occurredAt'>, floor: number | null): string | undefined {
  if (floor === null || event.occurredAt >= floor) return undefined;
  return `event occurred before ${new Date(floor).toISOString()}, older than scoring still deduplicates (model horizon plus margin behind the stream): it may have been applied already`;
}
