import { z } from 'zod';
import { subjectId } from './common';
import { text } from './text';

/** Payloads of `leads.identity.v1`, by event type. */
export const identityPayloads = {
  lead_identified: z.object({
    anonymousId: subjectId,
    leadId: subjectId,
    email: z.email().max(320).optional(),
    name: text({ max: 256 }).optional(),
    company: text({ max: 256 }).optional(),
  }),
};
