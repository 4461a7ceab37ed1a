import { decide } from '../decide';
import { evolve } from '../evolve';
import { fireTimersDueBy } from '../fireTimersDueBy';
import type { HandoffRules } from '../handoffRules';
import type { LeadEvent } from '../leadEvent';
import { initialLeadLifecycleState, type LeadLifecycleState } from '../leadLifecycleState';
import type { LeadOutcome } from '../leadOutcome';
import type { RoutingSnapshot } from '../routingSnapshot';
import { compactInputs } from './compactInputs';
import { commandOf, type LeadInput } from './leadInput';

/** An outcome the lead cannot take, and why. */
export type HeldOutcome = { outcome: LeadOutcome; refusal: string };

/** A lead decided from its inputs: the history it should have, where it stands, and the outcomes it cannot take. */
export type Redecision = { events: LeadEvent[]; state: LeadLifecycleState; held: HeldOutcome[] };

type Fold = Redecision & { leadId: string; rules: HandoffRules; routing: RoutingSnapshot };

function apply(fold: Fold, input: LeadInput): { fold: Fold; refusal: string | undefined } {
  const decision = decide(commandOf(fold.leadId, input), fold.state, fold.rules, fold.routing);
  if (decision.events.length === 0) return { fold, refusal: decision.refusal };
  // most inputs (a score that crosses nothing) decide nothing: only decisions copy the history
  const state = decision.events.reduce(evolve, fold.state);
  return { fold: { ...fold, state, events: [...fold.events, ...decision.events] }, refusal: decision.refusal };
}

/** Outcomes the lead could not take when they happened are applied, oldest first, once it can. */
function release(fold: Fold): Fold {
  let current = fold;
  const oldestFirst = [...fold.held].sort((a, b) => a.outcome.occurredAt - b.outcome.occurredAt || (a.outcome.eventId < b.outcome.eventId ? -1 : 1));
  for (const held of oldestFirst) {
    const tried = apply(current, { kind: 'outcome', at: held.outcome.occurredAt, outcome: held.outcome });
    if (tried.refusal === undefined) current = { ...tried.fold, held: tried.fold.held.filter((h) => h !== held) };
  }
  return current;
}

function step(fold: Fold, input: LeadInput): Fold {
  const tried = apply(fold, input);
  if (tried.refusal !== undefined && input.kind === 'outcome')
    return { ...tried.fold, held: [...tried.fold.held, { outcome: input.outcome, refusal: tried.refusal }] };
  return release(tried.fold);
}

/**
 * Decides a lead from scratch from its inputs in event-time order with the pure decider, then lets
 * every timer due by `horizon` (the latest event time the lead has been decided to) fire. The same
 * inputs and horizon always give the same history, whatever order the inputs arrived in; only the
 * round-robin turn in `routing` may differ.
 */
export function redecideLead(
  leadId: string,
  inputs: readonly LeadInput[],
  horizon: number,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): Redecision {
  const start: Fold = { leadId, rules, routing, events: [], state: initialLeadLifecycleState(), held: [] };
  const decided = compactInputs(inputs).reduce(step, start);
  const fired = fireTimersDueBy({ state: decided.state, events: decided.events }, leadId, horizon, rules, routing);
  return { events: fired.events, state: fired.state, held: decided.held };
}
