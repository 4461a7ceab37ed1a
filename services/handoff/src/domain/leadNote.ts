import type { Grade } from '@leadflow/schemas';

type Envelope = { eventId: string; leadId: string; occurredAt: number };
type ScoresNoted = { scoresEventId: string; total: number; grade: Grade };

/**
 * Facts the lead's stream keeps for its own clocks but no topic carries: when an MQL's grade fell
 * to F and rose again (the decay recycle), and a contact that met no SLA (the no-activity recycle).
 * Without them the clocks could not be rebuilt from the stream on replay.
 */
export type LeadNote = Envelope &
  (
    | { type: 'mql_decay_started'; payload: ScoresNoted }
    | { type: 'mql_decay_cleared'; payload: ScoresNoted }
    | { type: 'sales_activity_noted'; payload: { activity: 'lead_contacted'; channel: string; by: string } }
  );
