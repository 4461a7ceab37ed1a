import type { Grade, LeadScored } from '@leadflow/schemas';
import type { SqlRoute } from './qualification';

type Envelope = { eventId: string; leadId: string; occurredAt: number };
type ScoresNoted = { scoresEventId: string; total: number; grade: Grade };

/**
 * Facts the lead's stream keeps for its own clocks but no topic carries: when an MQL's grade fell
 * to F and rose again (the decay recycle), a contact that met no SLA (the no-activity recycle), and a
 * hand-off settling before it is decided (with the latest scores that qualify it) or dropped.
 * Without them the clocks could not be rebuilt from the stream on replay.
 */
export type LeadNote = Envelope &
  (
    | { type: 'mql_decay_started'; payload: ScoresNoted }
    | { type: 'mql_decay_cleared'; payload: ScoresNoted }
    | { type: 'sales_activity_noted'; payload: { activity: 'lead_contacted'; channel: string; by: string } }
    | { type: 'sql_settling'; payload: { dueAt: number; route: SqlRoute; scores: LeadScored } }
    | { type: 'sql_settling_dropped'; payload: { reason: string } }
  );
