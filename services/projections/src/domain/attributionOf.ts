/** Where a touch or a visit came from, as the read models attribute it. */
export interface Attribution {
  /** The campaign id, else the UTM campaign; null for organic and direct traffic. */
  campaign: string | null;
  /** The UTM source, else the integration that sent the event. */
  source: string;
  /** Whether marketing brought it: it names a campaign, a tracked link or a UTM source. */
  marketingSourced: boolean;
}

interface Tagged {
  campaignId?: string | undefined;
  utmCampaign?: string | undefined;
  utmSource?: string | undefined;
  linkId?: string | undefined;
}

/** The attribution of an event's context (or a touch), given the source that sent the event. */
export function attributionOf(tags: Tagged | undefined, eventSource: string): Attribution {
  const campaign = tags?.campaignId ?? tags?.utmCampaign ?? null;
  return {
    campaign,
    source: tags?.utmSource ?? eventSource,
    marketingSourced: campaign !== null || tags?.utmSource !== undefined || tags?.linkId !== undefined,
  };
}
