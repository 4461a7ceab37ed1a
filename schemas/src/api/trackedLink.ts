import { z } from 'zod';
import { text } from '../events/text';

const httpUrl = text({ min: 1, max: 2048 }).refine((value) => {
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:';
  } catch {
    return false;
  }
}, 'must be an absolute http(s) URL');

/** `POST /v1/links`: a campaign link whose opens are attributed to the campaign. */
export const trackedLinkRequest = z.object({
  campaign: text({ min: 1, max: 256 }),
  source: text({ min: 1, max: 256 }),
  medium: text({ min: 1, max: 256 }),
  variant: text({ min: 1, max: 256 }).optional(),
  targetUrl: httpUrl,
});
export type TrackedLinkRequest = z.infer<typeof trackedLinkRequest>;
