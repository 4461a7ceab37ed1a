import { z } from 'zod';
import { money } from './common';
import { personal } from './personal';
import { text } from './text';

const confidence = z.number().min(0).max(1);
const freeText = text({ max: 2000 });
const personalRole = personal(text({ max: 256 }));

export const bantDimensions = ['budget', 'authority', 'need', 'timeline'] as const;
export type BantDimension = (typeof bantDimensions)[number];
export const seniorities = ['student', 'individual', 'manager', 'director', 'vp', 'c_level', 'owner'] as const;
export const evaluationStages = ['researching', 'evaluating', 'shortlisting', 'deciding', 'purchasing'] as const;

/**
 * What the conversation learned about one BANT dimension. Only the fields of the captured
 * dimension are expected; the others stay absent.
 */
export const qualificationValue = z.object({
  budgetMin: money.optional(),
  budgetMax: money.optional(),
  budgetApproved: z.boolean().optional(),
  role: personalRole.optional(),
  isDecisionMaker: z.boolean().optional(),
  stakeholders: z.int().min(0).max(1000).optional(),
  painPoints: personal(z.array(text({ max: 256 })).max(20)).optional(),
  priority: z.enum(['low', 'medium', 'high']).optional(),
  monthsToPurchase: z.number().min(0).max(120).optional(),
  evaluationStage: z.enum(evaluationStages).optional(),
});

/** Payloads of `leads.conversation.v2`, by event type, as posted (personal fields in plaintext). */
export const conversationPayloads = {
  question_asked: z.object({ text: personal(freeText), topic: text({ max: 256 }), specificity: confidence }),
  qualification_captured: z.object({
    dimension: z.enum(bantDimensions),
    value: qualificationValue,
    confidence,
  }),
  profile_captured: z.object({
    companySize: z.int().min(1).max(10_000_000).optional(),
    annualRevenue: money.optional(),
    industry: text({ max: 128 }).optional(),
    role: personalRole.optional(),
    seniority: z.enum(seniorities).optional(),
    country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as DE').optional(),
  }),
  consent_changed: z.object({ purpose: z.enum(['contact', 'marketing']), granted: z.boolean() }),
};
