import type { SlaEvent } from '@leadflow/schemas';
import type { LeadTransition } from './leadEvent';
import type { LeadLifecycleState } from './leadLifecycleState';

type MetBy = Extract<SlaEvent, { type: 'sla_met' }>['payload']['metBy'];

export type SlaClosing = { met: MetBy; by?: string | undefined } | { cancelled: string };

/**
 * Stops the lead's pending SLA clock, if one runs: met by sales acting, or cancelled when acting is
 * no longer wanted. Elapsed time counts from the current attempt, the clock its owner was given.
 */
export function closePendingSla(state: LeadLifecycleState, closing: SlaClosing, now: number): LeadTransition[] {
  const { sla } = state;
  if (!sla) return [];
  if ('cancelled' in closing) return [{ type: 'sla_cancelled', payload: { owner: sla.owner, reason: closing.cancelled } }];
  const elapsedMs = Math.max(0, now - sla.startedAt);
  const by = closing.by === undefined ? {} : { by: closing.by };
  return [{ type: 'sla_met', payload: { owner: sla.owner, metBy: closing.met, ...by, elapsedMs } }];
}
