import type { HandoffRules } from '../handoffRules';
import type { LeadEvent } from '../leadEvent';
import { topicOfLeadEvent } from '../topicOfLeadEvent';
import { isRetraction } from './retractionOf';
import type { KeptAssignment } from '../routingSnapshot';
import { effectiveEvents } from './effectiveEvents';
import type { LeadInput } from './leadInput';
import { reconcileLead, type Compensation } from './reconcileLead';
import { redecideLead, type Redecision } from './redecideLead';

export const CONSENT_WITHDRAWN_EARLIER = 'contact consent was withdrawn before it in event time';
export const LATE_INPUT = 'a late input re-decided the lead in event-time order';

/** The owners the lead was routed to, as its net lifecycle shows them. */
const keptAssignments = (effective: readonly LeadEvent[]): KeptAssignment[] =>
  effective.flatMap((e) =>
    e.type === 'lead_assigned' && e.payload.reason === 'routed'
      ? [{ owner: e.payload.owner, team: e.payload.team, rule: e.payload.rule, at: e.occurredAt }]
      : [],
  );

/**
 * Just after every decision that holds once re-decided, and after every earlier compensation: the
 * compensation is then the lead's latest stage change among what holds. Not after the decisions it
 * retracts, nor after inputs that decided nothing (a decay score far later): a decision still to
 * come at such a time must come after it, for a reader keeping the latest stage change.
 */
const stampOf = (stream: readonly LeadEvent[], target: readonly LeadEvent[]): number =>
  Math.max(
    0,
    ...stream.flatMap((e) => (isRetraction(e) ? [e.occurredAt] : [])),
    ...target.flatMap((e) => (topicOfLeadEvent(e) === undefined ? [] : [e.occurredAt])),
  ) + 1;

function compensationOf(stream: readonly LeadEvent[], effective: readonly LeadEvent[], redecision: Redecision): Compensation {
  const newlyDoNotContact = redecision.state.doNotContact && !effective.some((e) => e.type === 'lead_marked_do_not_contact');
  return { at: stampOf(stream, redecision.events), reason: newlyDoNotContact ? CONSENT_WITHDRAWN_EARLIER : LATE_INPUT, stage: redecision.state.stage };
}

/**
 * Re-decides a lead from all its inputs in event-time order and returns what to append to its
 * stream: nothing when the published history already is that history, the new events when it only
 * grows, and compensating events first when a late input changed a decision already published.
 * Owners already routed are kept; new routings take the turn in `rotations`.
 */
export function redecideAndCompensate(
  leadId: string,
  stream: readonly LeadEvent[],
  inputs: readonly LeadInput[],
  horizon: number,
  rules: HandoffRules,
  rotations: Readonly<Record<string, number>>,
): Redecision & { append: LeadEvent[] } {
  const effective = effectiveEvents(stream);
  const redecision = redecideLead(leadId, inputs, horizon, rules, { rotations, kept: keptAssignments(effective) });
  const append = reconcileLead(leadId, stream, redecision.events, compensationOf(stream, effective, redecision));
  return { ...redecision, append };
}
