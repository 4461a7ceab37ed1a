import type { Pool } from 'pg';
import { leadSubject, subjectName, type SubjectKeyring } from '@leadflow/kit';
import type { HandoffContext, LeadActivityEvent } from '@leadflow/schemas';
import type { ContactLookup, LeadContact } from './LeadContact';

type StreamEvent = { eventId: string; type: string; occurredAt: number; payload: Record<string, unknown> };
type Identified = Extract<LeadActivityEvent, { type: 'lead_identified' }>;

const iso = (ms: number): string => new Date(ms).toISOString();

/**
 * The contact details of a lead, opened from the envelopes the pipeline keeps: identity from the
 * lead's scoring history (`lead_score_state`), the questions, BANT answers and role from the
 * context of its SQL hand-off in the event store. With `handedOffOnly`, a lead without an SQL that
 * stands is not found (the CRM path); `leadflow export` reads everything. Nothing is written.
 */
export async function readLeadContact(pool: Pool, keyring: SubjectKeyring, leadId: string, handedOffOnly: boolean): Promise<ContactLookup> {
  if (await isErased(pool, leadId)) return { status: 'erased' };
  const sql = await standingSql(pool, leadId);
  if (handedOffOnly && !sql) return { status: 'not_found' };
  const identified = await identificationsOf(pool, leadId);
  if (!sql && identified.length === 0) return { status: 'not_found' };
  const open = async (field: string, envelope: string | undefined): Promise<string | undefined> => {
    if (envelope === undefined) return undefined;
    const opened = await keyring.open(field, envelope);
    return opened.status === 'open' ? opened.value : undefined;
  };
  const contact: LeadContact = { leadId, questions: [], bant: [] };
  for (const event of identified) {
    for (const field of ['email', 'name', 'company'] as const) {
      const value = await open(`lead_identified.${field}`, event.payload[field]);
      if (value !== undefined) contact[field] = value;
    }
  }
  const context = sql?.payload.context as HandoffContext | undefined;
  if (sql) contact.handedOffAt = iso(sql.occurredAt);
  const role = await open('profile_captured.role', context?.profile.role);
  if (role !== undefined) contact.role = role;
  for (const question of context?.questions ?? []) {
    const text = await open('question_asked.text', question.text);
    if (text !== undefined) contact.questions.push({ text, topic: question.topic, occurredAt: iso(question.occurredAt) });
  }
  for (const answer of context?.bant ?? []) {
    const bantRole = await open('qualification_captured.value.role', answer.answer.role);
    const painPoints = (await Promise.all((answer.answer.painPoints ?? []).map((p) => open('qualification_captured.value.painPoints', p)))).filter((p): p is string => p !== undefined);
    if (bantRole === undefined && painPoints.length === 0) continue;
    contact.bant.push({ dimension: answer.dimension, ...(bantRole !== undefined && { role: bantRole }), ...(painPoints.length > 0 && { painPoints }), occurredAt: iso(answer.occurredAt) });
  }
  return { status: 'found', contact };
}

async function isErased(pool: Pool, leadId: string): Promise<boolean> {
  const { rows } = await pool.query('select 1 from subject_erasures where subject = $1', [subjectName(leadSubject(leadId))]);
  return rows.length > 0;
}

/** The latest SQL hand-off of the lead's stream that no compensation retracted (the event store is hand-off's; read only). */
async function standingSql(pool: Pool, leadId: string): Promise<StreamEvent | undefined> {
  if (!(await tableExists(pool, 'events'))) return undefined;
  const { rows } = await pool.query<{ data: StreamEvent }>('select data from events where stream_id = $1 order by stream_version', [`lead-${leadId}`]);
  const events = rows.map((r) => r.data);
  const retracted = new Set(events.filter((e) => e.type === 'lead_qualification_retracted').map((e) => e.payload.retractedEventId as string));
  return events.filter((e) => e.type === 'lead_qualified_sql' && !retracted.has(e.eventId)).at(-1);
}

/** The lead's identifications in event-time order, from scoring's history of it (read only). */
async function identificationsOf(pool: Pool, leadId: string): Promise<Identified[]> {
  if (!(await tableExists(pool, 'lead_score_state'))) return [];
  const { rows } = await pool.query<{ history: { events: LeadActivityEvent[] } | null }>('select history from lead_score_state where lead_id = $1', [leadId]);
  return (rows[0]?.history?.events ?? []).filter((e): e is Identified => e.type === 'lead_identified');
}

async function tableExists(pool: Pool, table: string): Promise<boolean> {
  const { rows } = await pool.query<{ present: boolean }>('select to_regclass($1) is not null as present', [table]);
  return rows[0]?.present === true;
}
