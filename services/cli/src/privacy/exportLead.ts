import type { Pool } from 'pg';
import { leadSubject, subjectName, visitorSubject, type SubjectKeyring } from '@leadflow/kit';
import { readLeadContact, type LeadContact } from '@leadflow/ingest';
import type { OutcomeEvent } from '@leadflow/schemas';
import { openOutcome, type OpenedOutcome } from './openOutcome';

/** Everything leadflow holds about a person, personal fields opened: what `leadflow export` prints. */
export interface LeadExport {
  leadId: string;
  erased: boolean;
  /** The personal data still readable (absent once erased). */
  contact?: LeadContact;
  visitors: string[];
  /** Data keys held for the lead and its visitors (never the keys themselves). */
  keys: { subject: string; keyVersion: number; createdAt: string }[];
  /** The lead's lifecycle, as its stream holds it (no personal data). */
  lifecycle: { type: string; occurredAt: string }[];
  /** The CRM's outcomes for the lead, as hand-off keeps them, their free text opened (left out once erased). */
  outcomes: OpenedOutcome[];
}

const tableExists = async (pool: Pool, table: string): Promise<boolean> =>
  (await pool.query<{ present: boolean }>('select to_regclass($1) is not null as present', [table])).rows[0]?.present === true;

export async function exportLead(pool: Pool, keyring: SubjectKeyring, leadId: string): Promise<LeadExport> {
  const visitors = (await tableExists(pool, 'visitors'))
    ? (await pool.query<{ anonymous_id: string }>('select anonymous_id from visitors where lead_id = $1 order by anonymous_id', [leadId])).rows.map((r) => r.anonymous_id)
    : [];
  const subjects = [leadSubject(leadId), ...visitors.map(visitorSubject)].map(subjectName);
  const { rows: keys } = await pool.query<{ subject: string; key_version: number; created_at: Date }>(
    'select subject, key_version, created_at from subject_keys where subject = any($1) order by subject, key_version',
    [subjects],
  );
  const lifecycle = (await tableExists(pool, 'events'))
    ? (await pool.query<{ type: string; occurred_at: string }>('select type, occurred_at from events where stream_id = $1 order by stream_version', [`lead-${leadId}`])).rows
    : [];
  const outcomes = (await tableExists(pool, 'lead_inputs'))
    ? (await pool.query<{ outcome: OutcomeEvent }>(
        "select input->'outcome' as outcome from lead_inputs where lead_id = $1 and kind = 'outcome' order by occurred_at, event_id",
        [leadId],
      )).rows
    : [];
  const contact = await readLeadContact(pool, keyring, leadId, false);
  return {
    leadId,
    erased: contact.status === 'erased',
    ...(contact.status === 'found' && { contact: contact.contact }),
    visitors,
    keys: keys.map((k) => ({ subject: k.subject, keyVersion: k.key_version, createdAt: k.created_at.toISOString() })),
    lifecycle: lifecycle.map((e) => ({ type: e.type, occurredAt: new Date(Number(e.occurred_at)).toISOString() })),
    outcomes: await Promise.all(outcomes.map((r) => openOutcome(keyring, r.outcome))),
  };
}
