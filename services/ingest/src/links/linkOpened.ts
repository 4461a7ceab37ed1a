import type { EngagementEvent } from '@leadflow/schemas';
import type { TrackedLink } from './TrackedLinkStore';

/** The `link_opened` a visit through a tracked link emits: the link's campaign attribution, the visitor's cookie id. */
export function linkOpened(link: TrackedLink, visitorId: string, eventId: string, nowMs: number): EngagementEvent {
  return {
    eventId,
    type: 'link_opened',
    occurredAt: nowMs,
    receivedAt: nowMs,
    source: 'links',
    anonymousId: visitorId,
    context: {
      campaignId: link.campaign,
      linkId: link.code,
      utmSource: link.source,
      utmMedium: link.medium,
      utmCampaign: link.campaign,
      ...(link.variant ? { variant: link.variant, utmContent: link.variant } : {}),
    },
    payload: { linkId: link.code },
  } as EngagementEvent;
}

export const VISITOR_COOKIE = 'lf_vid';
const VISITOR_ID = /^v-[0-9a-f-]{36}$/;

/** The visitor id from the `lf_vid` cookie, if it holds one ingest gave out. */
export function visitorIdFrom(cookieHeader: string | undefined): string | undefined {
  for (const part of (cookieHeader ?? '').split(';')) {
    const [name, value] = part.trim().split('=', 2);
    if (name === VISITOR_COOKIE && value && VISITOR_ID.test(value)) return value;
  }
  return undefined;
}
