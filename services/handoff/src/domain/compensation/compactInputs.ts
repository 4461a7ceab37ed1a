import type { LeadScored } from '@leadflow/schemas';
import { inputIdOf, type LeadInput } from './leadInput';

const causeRank: Record<LeadScored['cause'], number> = { decay: 0, event: 1, rescore: 2 };

/** Whether `a` saw more of the lead than `b`: more events, then a stronger cause, then the id. */
function sawMore(a: LeadScored, b: LeadScored): boolean {
  if (a.eventsApplied !== b.eventsApplied) return a.eventsApplied > b.eventsApplied;
  if (a.cause !== b.cause) return causeRank[a.cause] > causeRank[b.cause];
  return a.eventId > b.eventId;
}

/**
 * Scores evaluated from part of what scoring had seen by then. Scores of the same time that count
 * fewer events (the rest arrived later, on a slower topic or out of order) were a partial picture of
 * that moment; so were scores counting fewer events than scores already evaluated earlier in event time.
 */
function isSuperseded(s: LeadScored, all: readonly LeadScored[]): boolean {
  return all.some(
    (o) =>
      o !== s &&
      o.evaluatedAt <= s.evaluatedAt &&
      (o.evaluatedAt === s.evaluatedAt ? sawMore(o, s) : o.eventsApplied > s.eventsApplied),
  );
}

/**
 * A lead's inputs, compact and in event-time order: each once (by id), without superseded scores.
 * The result depends on the set of inputs, never on the order they arrived in. At one instant,
 * scores come before outcomes (the CRM acts on what it was handed), then by id.
 */
export function compactInputs(inputs: readonly LeadInput[]): LeadInput[] {
  const unique = [...new Map(inputs.map((i) => [inputIdOf(i), i])).values()];
  const scores = unique.flatMap((i) => (i.kind === 'scores' ? [i.scores] : []));
  const kept = unique.filter((i) => i.kind === 'outcome' || !isSuperseded(i.scores, scores));
  const kindRank = (i: LeadInput) => (i.kind === 'scores' ? 0 : 1);
  return kept.sort((a, b) => a.at - b.at || kindRank(a) - kindRank(b) || (inputIdOf(a) < inputIdOf(b) ? -1 : 1));
}
