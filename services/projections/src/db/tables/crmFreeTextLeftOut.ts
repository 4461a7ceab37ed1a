import type { Migration } from '@leadflow/kit';

/**
 * The CRM's free text (rejection, loss and disqualification reasons, who at sales made contact) is
 * personal data, sealed per lead on the topics: analytics keeps that it happened, never what it said.
 * Rows written before it was sealed lose the text here too.
 */
export const crmFreeTextLeftOut: Migration = {
  name: '031_crm_free_text_left_out',
  sql: `
    alter table sales_activity drop column by_owner;
    update lead_transitions set reason = null where type in ('sales_rejected', 'deal_lost', 'lead_disqualified');
    comment on column lead_transitions.reason is 'Why: SQL route, recycle reason, or what a re-qualified lead was recycled for; null for rejections, losses and disqualifications, whose reason is the CRM''s personal free text (sealed on the topics, never stored here)';`,
};
