import type { Decision } from './decision';
import { fireTimersDueBy } from './fireTimersDueBy';
import type { HandoffRules } from './handoffRules';
import type { LeadCommand } from './leadCommand';
import type { LeadLifecycleState } from './leadLifecycleState';
import { outcomeVerdict, type OutcomeVerdict } from './outcomeVerdict';
import { recordTransitions } from './recordTransitions';
import type { RoutingSnapshot } from './routingSnapshot';
import { scoresTransitions } from './scoresTransitions';

function leadOfCommand(command: LeadCommand): string | undefined {
  switch (command.type) {
    case 'ApplyScores':
      return command.scores.leadId;
    case 'RecordOutcome':
      return command.outcome.leadId;
    case 'FireTimer':
      return command.leadId;
    default: {
      const unexpected: never = command;
      throw new Error(`unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}

function assertSameLead(command: LeadCommand, state: LeadLifecycleState): void {
  const about = leadOfCommand(command);
  if (about !== command.leadId || (state.leadId !== undefined && state.leadId !== command.leadId)) {
    throw new Error(`${command.type} about lead ${about} applied to lead ${state.leadId ?? command.leadId}`);
  }
}

function verdictOf(
  command: LeadCommand,
  state: LeadLifecycleState,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): OutcomeVerdict {
  switch (command.type) {
    case 'ApplyScores':
      return { transitions: scoresTransitions(command, state, rules, routing) };
    case 'RecordOutcome':
      return outcomeVerdict(command.outcome, state, command.leadId, command.now);
    case 'FireTimer':
      // Its timer, if still pending and due, has fired with the others due by `now`.
      return { transitions: [] };
    default: {
      const unexpected: never = command;
      throw new Error(`unknown command ${JSON.stringify(unexpected)}`);
    }
  }
}

/**
 * The events a command causes, given the lead's history so far. The lead's timers due by the
 * command's time fire first, at their due times, so the outcome of a history does not depend on
 * when the wall clock noticed them. A refused command keeps those timer events and adds none.
 */
export function decide(
  command: LeadCommand,
  state: LeadLifecycleState,
  rules: HandoffRules,
  routing: RoutingSnapshot,
): Decision {
  assertSameLead(command, state);
  const caughtUp = fireTimersDueBy({ state, events: [] }, command.leadId, command.now, rules, routing);
  const verdict = verdictOf(command, caughtUp.state, rules, routing);
  if ('refusal' in verdict) return { events: caughtUp.events, refusal: verdict.refusal };
  return { events: recordTransitions(caughtUp, command.leadId, verdict.transitions, command.now).events };
}
