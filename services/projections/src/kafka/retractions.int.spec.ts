import { randomUUID } from 'node:crypto';
import type { Pool } from 'pg';
import { createPool, inTransaction, migrate, testing } from '@leadflow/kit';
import { topics, type LifecycleEvent, type RecycledEvent, type SlaEvent } from '@leadflow/schemas';
import { projectionMigrations } from '../db/migrations';
import { projectBatch, type ProjectedValue } from './projectBatch';

const T = Date.UTC(2026, 2, 2, 9);
const MINUTE = 60_000;

const lifecycle = <K extends LifecycleEvent['type']>(leadId: string, at: number, type: K, payload: Extract<LifecycleEvent, { type: K }>['payload']) =>
  ({ eventId: randomUUID(), leadId, occurredAt: at, type, payload }) as LifecycleEvent;
const sla = <K extends SlaEvent['type']>(leadId: string, at: number, type: K, payload: Extract<SlaEvent, { type: K }>['payload']) =>
  ({ eventId: randomUUID(), leadId, occurredAt: at, type, payload }) as SlaEvent;
const snapshot = { scoresEventId: randomUUID(), modelVersion: 'default.v1', total: 72, grade: 'B' as const, fit: 55, intent: 40, readiness: 60 };

describe('projections honour compensating events', () => {
  let run: testing.IsolatedRun;
  let pool: Pool;
  const apply = projectBatch();
  const project = (topic: 'lifecycle' | 'sla' | 'recycled', values: ProjectedValue[]) =>
    inTransaction(pool, (tx) =>
      apply(values.map((value, i) => ({ value, topic: `${run.namespace}${topics[topic].name}`, partition: 0, offset: String(i), key: null, raw: null, headers: {} })), tx),
    );

  beforeAll(async () => {
    run = await testing.isolatedRun('retractions');
    pool = await createPool(run.databaseUrl, { schema: 'analytics' });
    await migrate(pool, 'projections', projectionMigrations);
  });

  afterAll(async () => {
    await pool?.end();
    await run?.cleanUp();
  });

  it('a lead handed off and then retracted because consent was withdrawn earlier is a lead again, with no MQL, SQL, owner or SLA clock', async () => {
    const leadId = `cora-${run.id}`;
    const assignment = { owner: 'jessica.lee', team: 'na-sales', rule: 'north-america' };
    const mql = lifecycle(leadId, T, 'lead_qualified_mql', { ...snapshot, fromStage: 'lead' });
    const sqlEvent = lifecycle(leadId, T, 'lead_qualified_sql', { ...snapshot, fromStage: 'mql', route: 'score_and_bant', bantEstablished: ['budget', 'authority', 'need'], assignment, slaDeadline: T + 60 * MINUTE });
    const assigned = lifecycle(leadId, T, 'lead_assigned', { ...assignment, reason: 'routed' });
    const started = sla(leadId, T, 'sla_started', { owner: assignment.owner, team: assignment.team, deadline: T + 60 * MINUTE, grade: 'B', attempt: 1 });
    const retraction = (event: LifecycleEvent | SlaEvent) => ({ retractedEventId: event.eventId, reason: 'contact consent was withdrawn before it in event time', stage: 'lead' as const });

    await project('lifecycle', [mql, sqlEvent, assigned]);
    await project('sla', [started]);
    const handedOff = await pool.query('select stage, mql_at, sql_at, owner from lead_current where lead_id = $1', [leadId]);
    await project('sla', [sla(leadId, T + 1, 'sla_retracted', { ...retraction(started), retractedType: 'sla_started' })]);
    await project('lifecycle', [
      lifecycle(leadId, T + 1, 'lead_transition_retracted', { ...retraction(assigned), retractedType: 'lead_assigned' }),
      lifecycle(leadId, T + 1, 'lead_qualification_retracted', { ...retraction(sqlEvent), retractedType: 'lead_qualified_sql' }),
      lifecycle(leadId, T + 1, 'lead_qualification_retracted', { ...retraction(mql), retractedType: 'lead_qualified_mql' }),
      lifecycle(leadId, T, 'lead_marked_do_not_contact', { reason: 'contact consent withdrawn' }),
    ]);

    expect(handedOff.rows[0]).toMatchObject({ stage: 'sql', owner: 'jessica.lee' });
    const lead = await pool.query('select stage, mql_at, sql_at, grade_at_mql, grade_at_sql, owner, team, do_not_contact from lead_current where lead_id = $1', [leadId]);
    expect(lead.rows).toEqual([{ stage: 'lead', mql_at: null, sql_at: null, grade_at_mql: null, grade_at_sql: null, owner: null, team: null, do_not_contact: true }]);
    const transitions = await pool.query('select type, from_stage, to_stage, reason from lead_transitions where lead_id = $1 order by type', [leadId]);
    // the net lifecycle: what was retracted is gone, and compensations add no rows of their own
    expect(transitions.rows).toEqual([]);
    const slaFacts = await pool.query('select type from sla_facts where lead_id = $1', [leadId]);
    expect(slaFacts.rows).toEqual([]);
  });

  it('a recycling retracted by a late contact no longer decides the stage: an acceptance earlier than it, arriving after, does', async () => {
    const leadId = `bruno-${run.id}`;
    const assignment = { owner: 'jessica.lee', team: 'na-sales', rule: 'north-america' };
    const sqlEvent = lifecycle(leadId, T, 'lead_qualified_sql', { ...snapshot, fromStage: 'mql', route: 'score_and_bant', bantEstablished: ['budget', 'authority', 'need'], assignment, slaDeadline: T + 60 * MINUTE });
    const recycling: RecycledEvent = { eventId: randomUUID(), leadId, occurredAt: T + 2 * 24 * 60 * MINUTE, type: 'lead_recycled', payload: { reason: 'sla_breached', fromStage: 'sql' } };
    const contactedAt = T + 30 * MINUTE;

    await project('lifecycle', [lifecycle(leadId, T, 'lead_qualified_mql', { ...snapshot, fromStage: 'lead' }), sqlEvent]);
    await project('recycled', [recycling]);
    await project('recycled', [{ eventId: randomUUID(), leadId, occurredAt: contactedAt + 1, type: 'lead_recycle_retracted', payload: { retractedEventId: recycling.eventId, retractedType: 'lead_recycled', reason: 'a late input re-decided the lead in event-time order', stage: 'sql' } }]);
    await project('lifecycle', [lifecycle(leadId, T + 24 * 60 * MINUTE, 'sales_accepted', { fromStage: 'sql', by: testing.sealedLike('jessica.lee') })]);

    const lead = await pool.query('select stage, recycled_at, accepted_at is not null as accepted from lead_current where lead_id = $1', [leadId]);
    expect(lead.rows).toEqual([{ stage: 'accepted', recycled_at: null, accepted: true }]);
  });
});
