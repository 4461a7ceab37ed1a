import { z } from 'zod';
import { eventId, subjectId } from './common';
import { grades } from './scores';

export const stages = [
  'lead',
  'mql',
  'sql',
  'accepted',
  'opportunity',
  'won',
  'lost',
  'recycled',
  'disqualified',
] as const;
export type Stage = (typeof stages)[number];

const scoreSnapshot = {
  scoresEventId: eventId,
  modelVersion: z.string(),
  total: z.int().min(0).max(100),
  grade: z.enum(grades),
  fit: z.number().min(0),
  intent: z.number().min(0),
  readiness: z.number().min(0),
};

/** Payloads of `leads.lifecycle.v1` (stage changes a CRM consumes), by event type. */
export const lifecyclePayloads = {
  lead_qualified_mql: z.object({ ...scoreSnapshot, fromStage: z.enum(stages) }),
  lead_qualified_sql: z.object({
    ...scoreSnapshot,
    fromStage: z.enum(stages),
    route: z.enum(['score_and_bant', 'self_qualified']),
    bantEstablished: z.array(z.enum(['budget', 'authority', 'need', 'timeline'])),
  }),
  lead_marked_do_not_contact: z.object({ reason: z.string() }),
};

/** Envelope fields of every output event keyed by lead. */
export const leadEventEnvelope = {
  eventId,
  leadId: subjectId,
  occurredAt: z.int().min(0).meta({ avroLogicalType: 'timestamp-millis' }),
};
