const DAY_MS = 86_400_000;

/**
 * How long activity of a visitor not identified yet is held. Held activity older than the model's
 * horizon when its visitor is identified is dropped instead of attributed: the bound is in event
 * time, so a replay drops the same events. Never-identified visitors' activity is pruned once the
 * stream has moved past the horizon plus a grace for late identifications; their visitor row goes
 * with their last held event.
 */
export interface HeldActivityBound {
  horizonDays: number;
  /** How late (in event time) an identification may arrive and still find activity within the horizon. */
  graceDays: number;
  /** Held events released (and published) per statement, so memory stays bounded. */
  releaseChunk: number;
}

export const heldActivityBound = (horizonDays: number, graceDays = 30): HeldActivityBound => ({ horizonDays, graceDays, releaseChunk: 500 });

/** Held events that occurred before this are dropped when their visitor is identified at `identifiedAt`. */
export const releaseCutoff = (bound: HeldActivityBound, identifiedAt: number): number => identifiedAt - bound.horizonDays * DAY_MS;

/** Held events that occurred before this are pruned once the stream has reached `streamTime`. */
export const pruneCutoff = (bound: HeldActivityBound, streamTime: number): number => streamTime - (bound.horizonDays + bound.graceDays) * DAY_MS;
