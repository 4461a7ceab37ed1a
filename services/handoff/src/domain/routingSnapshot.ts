import type { Assignment } from '@leadflow/schemas';

/** A routed assignment already published for the lead, and the time it was decided at. */
export type KeptAssignment = Assignment & { at: number };

/**
 * Where round-robin continues in each team, as the shell read it: routed assignments so far. When a
 * lead is re-decided, the owners it was already routed to are kept (the same team and rule at the
 * same time), so a re-decision never moves a lead to another rep by taking another turn.
 */
export type RoutingSnapshot = { rotations: Readonly<Record<string, number>>; kept?: readonly KeptAssignment[] };
