import { z } from 'zod';
import { eventId, money, subjectId, timestampMillis } from './common';
import { sealedField } from './personal';
import { grades, handoffContext, scoreContributor } from './scores';

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

/** Who owns a lead, and the routing rule that chose them. */
export const assignment = z.object({
  owner: z.string(),
  team: z.string(),
  rule: z.string(),
});
export type Assignment = z.infer<typeof assignment>;

const reason = z.string().max(1024);
/** The CRM's free text (a reason, who at sales), copied from the outcome as its envelope: never in clear. */
export const crmText = sealedField;
const fromStage = z.enum(stages);

/**
 * What every compensating event says: which published event it undoes, why, and the lead's stage
 * once the whole re-decision is applied (the stage a CRM should now show).
 */
export const retraction = {
  retractedEventId: eventId,
  retractedType: z.string().max(128),
  reason,
  stage: z.enum(stages),
};

/** Payloads of `leads.lifecycle.v2` (stage changes and ownership, for CRMs), by event type. */
export const lifecyclePayloads = {
  lead_qualified_mql: z.object({ ...scoreSnapshot, fromStage }),
  lead_qualified_sql: z.object({
    ...scoreSnapshot,
    fromStage,
    route: z.enum(['score_and_bant', 'self_qualified']),
    bantEstablished: z.array(z.enum(['budget', 'authority', 'need', 'timeline'])),
    /** Everything the rep needs for the first call. */
    assignment: assignment.optional(),
    slaDeadline: timestampMillis.optional(),
    breakdown: z
      .array(
        z.object({
          score: z.enum(['fit', 'intent', 'readiness']),
          dimension: z.string(),
          points: z.number(),
          cap: z.number(),
          topContributors: z.array(scoreContributor),
        }),
      )
      .optional(),
    context: handoffContext.optional(),
  }),
  lead_requalified: z.object({ fromStage, recycledFor: reason }),
  lead_assigned: z.object({ ...assignment.shape, reason: z.enum(['routed', 'escalated']), previousOwner: z.string().optional() }),
  sales_accepted: z.object({ fromStage, by: crmText.optional() }),
  sales_rejected: z.object({ fromStage, reason: crmText }),
  opportunity_opened: z.object({ fromStage, amount: money }),
  deal_won: z.object({ fromStage, amount: money }),
  deal_lost: z.object({ fromStage, reason: crmText }),
  lead_disqualified: z.object({ fromStage, reason: crmText }),
  lead_marked_do_not_contact: z.object({ reason }),
  lead_erased: z
    .object({ visitorsErased: z.int().min(0).max(2_147_483_647) })
    .describe(
      'The person asked to be forgotten: the keys of the lead and of the visitors identified as it are destroyed, so every personal field sealed with them, on any topic or table, is unreadable for good. CRMs delete the contact details they hold. Carries no personal data; the lead\'s stage and counts stay as they were.',
    ),
  lead_qualification_retracted: z
    .object({ ...retraction, retractedType: z.enum(['lead_qualified_mql', 'lead_qualified_sql']) })
    .describe('Compensating: undoes an MQL or SQL that no longer holds once the lead is re-decided in event-time order.'),
  lead_transition_retracted: z
    .object(retraction)
    .describe('Compensating: undoes any other lifecycle event that no longer holds once the lead is re-decided.'),
};

/** Envelope fields of every output event keyed by lead. */
export const leadEventEnvelope = {
  eventId,
  leadId: subjectId,
  occurredAt: z.int().min(0).meta({ avroLogicalType: 'timestamp-millis' }),
};
