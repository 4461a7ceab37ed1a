import type { LeadActivityEvent, Touch } from '@leadflow/schemas';

type Attribution = Pick<Touch, 'campaignId' | 'linkId' | 'utmSource' | 'utmMedium' | 'utmCampaign'>;

const attributionFields = [
  'campaignId',
  'linkId',
  'utmSource',
  'utmMedium',
  'utmCampaign',
] as const satisfies readonly (keyof Attribution)[];

// An email or a tracked link names its campaign or link in the payload; the event context, when it
// says so too, wins.
const attributionInPayload = (event: LeadActivityEvent): Attribution =>
  event.type === 'email_engaged'
    ? { campaignId: event.payload.campaignId }
    : event.type === 'link_opened'
      ? { linkId: event.payload.linkId }
      : {};

/** An event as a marketing touch: what it was, when, from which source, and its campaign attribution. */
export function touchOf(event: LeadActivityEvent): Touch {
  const attribution: Attribution = attributionInPayload(event);
  for (const field of attributionFields) {
    const value = event.context?.[field];
    if (value !== undefined) attribution[field] = value;
  }
  const { eventId, type, occurredAt, source } = event;
  return { eventId, type, occurredAt, source, ...attribution };
}
