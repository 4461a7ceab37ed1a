import type { PoolClient } from 'pg';
import type { SlaFact } from '../domain';

/**
 * Inserts SLA facts in one statement; one already stored is left as it is. A fact whose team the
 * batch did not know takes the team of the clock it ends: for a breach, the start of its attempt;
 * otherwise the lead's latest start before it, stored by an earlier batch.
 */
export async function insertSlaFacts(tx: PoolClient, facts: SlaFact[]): Promise<void> {
  if (facts.length === 0) return;
  await tx.query(
    `insert into sla_facts (event_id, lead_id, owner, team, type, occurred_at, deadline, attempt, elapsed_ms, met_by)
     select id, l, o,
            coalesce(tm, (select s.team from sla_facts s
                          where s.lead_id = u.l and s.type = 'sla_started' and s.occurred_at <= to_timestamp(at / 1000.0)
                            and (u.t <> 'sla_breached' or s.attempt = u.n)
                          order by s.occurred_at desc, s.attempt desc limit 1)),
            t, to_timestamp(at / 1000.0), to_timestamp(dl / 1000.0), n, e, mb
     from unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[], $7::bigint[], $8::int[], $9::bigint[], $10::text[])
       as u(id, l, o, tm, t, at, dl, n, e, mb)
     on conflict (event_id) do nothing`,
    [
      facts.map((f) => f.eventId),
      facts.map((f) => f.leadId),
      facts.map((f) => f.owner),
      facts.map((f) => f.team),
      facts.map((f) => f.type),
      facts.map((f) => f.occurredAt),
      facts.map((f) => f.deadline),
      facts.map((f) => f.attempt),
      facts.map((f) => f.elapsedMs),
      facts.map((f) => f.metBy),
    ],
  );
}
