import { z } from 'zod';
import { text } from './text';

const seconds = z.int().min(0).max(86_400);
const id = text({ min: 1, max: 256 });

export const assetTypes = ['whitepaper', 'video', 'webinar', 'case_study', 'pricing', 'demo', 'docs'] as const;
export const interactiveTools = ['roi_calculator', 'assessment', 'configurator'] as const;

/** Payloads of `leads.engagement.v1`, by event type. */
export const engagementPayloads = {
  session_started: z.object({ returning: z.boolean() }),
  page_viewed: z.object({ url: text({ min: 1, max: 2048 }), durationSec: seconds.optional() }),
  content_consumed: z.object({
    assetId: id,
    assetType: z.enum(assetTypes),
    durationSec: seconds.optional(),
    completionPct: z.number().min(0).max(100).optional(),
  }),
  feature_explored: z.object({ feature: id, durationSec: seconds.optional() }),
  tool_used: z.object({ tool: z.enum(interactiveTools), completed: z.boolean() }),
  email_engaged: z.object({ action: z.enum(['open', 'click']), campaignId: id }),
  form_submitted: z.object({ formId: id }),
  content_shared: z.object({ assetId: id, channel: id, recipients: z.int().min(1).max(1000) }),
  demo_requested: z.object({}),
  contact_requested: z.object({}),
  link_opened: z.object({ linkId: id }),
  unsubscribed: z.object({}),
};
