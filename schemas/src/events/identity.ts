import { z } from 'zod';
import { subjectId } from './common';
import { personal } from './personal';
import { text } from './text';

/** Payloads of `leads.identity.v1`, by event type, as posted (personal fields in plaintext). */
export const identityPayloads = {
  lead_identified: z.object({
    anonymousId: subjectId,
    leadId: subjectId,
    email: personal(z.email().max(320)).optional(),
    name: personal(text({ max: 256 })).optional(),
    company: personal(text({ max: 256 })).optional(),
  }),
};
