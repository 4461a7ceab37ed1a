import type { LeadScored } from '@leadflow/schemas';
import type { HandoffRules } from '../handoffRules';
import type { LeadCommand } from '../leadCommand';
import type { LeadEvent } from '../leadEvent';
import { LEAD, rules as defaultRules } from '../leadFixtures.spec';
import type { LeadLifecycleState } from '../leadLifecycleState';
import { effectiveEvents } from './effectiveEvents';
import { leadInputOf, type LeadInput } from './leadInput';
import { redecideAndCompensate } from './redecideAndCompensate';

/** The input a command brings (scores or an outcome). */
export function inputOf(command: LeadCommand): LeadInput {
  const input = leadInputOf(command);
  if (!input) throw new Error(`${command.type} brings no input`);
  return input;
}

/** A revision of scores at the same event time that has seen more of the lead. */
export const revised = (s: LeadScored, extra: Partial<LeadScored>): LeadScored => ({
  ...s,
  eventId: s.eventId.replace(/.$/, 'f'),
  eventsApplied: s.eventsApplied + 1,
  ...extra,
});

export type Delivery = { stream: LeadEvent[]; appended: LeadEvent[][]; state: LeadLifecycleState };

/**
 * Delivers inputs one by one as the shell does: each joins those kept, the lead is re-decided up to
 * the latest event time seen (or `clock`, a timer firing by the wall clock), and the stream grows by
 * what comes back.
 */
export function deliver(inputs: readonly LeadInput[], options: { clock?: number; rules?: HandoffRules; from?: Delivery & { inputs: LeadInput[] } } = {}) {
  const rules = options.rules ?? defaultRules;
  const kept: LeadInput[] = [...(options.from?.inputs ?? [])];
  let stream: LeadEvent[] = [...(options.from?.stream ?? [])];
  const appended: LeadEvent[][] = [];
  let state: LeadLifecycleState | undefined = options.from?.state;
  const decideNow = (clock?: number) => {
    const horizon = Math.max(clock ?? 0, ...kept.map((i) => i.at), ...stream.filter((e) => !e.type.endsWith('_retracted')).map((e) => e.occurredAt));
    const result = redecideAndCompensate(LEAD, stream, kept, horizon, rules, {});
    stream = [...stream, ...result.append];
    appended.push(result.append);
    state = result.state;
  };
  for (const input of inputs) {
    kept.push(input);
    decideNow();
  }
  if (options.clock !== undefined) decideNow(options.clock);
  return { stream, appended, state: state as LeadLifecycleState, inputs: kept };
}

/** What a net lifecycle says, ids aside. */
export const netOf = (stream: readonly LeadEvent[]) =>
  effectiveEvents(stream).map(({ type, occurredAt, payload }) => ({ type, occurredAt, payload }));

export const typesOf = (events: readonly LeadEvent[]) => events.map((e) => e.type);
