import type { Migration } from '@leadflow/kit';

/** Contacts sales made, as the CRM reported them. */
export const salesActivityTable: Migration = {
  name: '004_sales_activity',
  sql: `
    create table sales_activity (
      event_id uuid primary key,
      lead_id text not null,
      occurred_at timestamptz not null,
      channel text not null,
      by_owner text not null);
    create index sales_activity_by_lead on sales_activity (lead_id, occurred_at);
    comment on table sales_activity is 'Every lead_contacted outcome from the CRM';
    comment on column sales_activity.event_id is 'Id of the outcome event';
    comment on column sales_activity.lead_id is 'The lead contacted';
    comment on column sales_activity.occurred_at is 'When (event time)';
    comment on column sales_activity.channel is 'How: phone, email, meeting, ...';
    comment on column sales_activity.by_owner is 'Who made the contact';`,
};
