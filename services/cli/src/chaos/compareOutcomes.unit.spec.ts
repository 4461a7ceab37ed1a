import { compareOutcomes } from './compareOutcomes';
import type { LeadEvent, RunOutcome } from './readRunOutcome';

const event = (eventId: string, type: string, extra = '', retracts?: string): LeadEvent => ({
  eventId,
  type,
  leadId: 'lead-1',
  occurredAt: 1,
  content: `{"eventId":"${eventId}","leadId":"lead-1","type":"${type}"${extra}}`,
  retracts,
});

const outcome = (overrides: Partial<RunOutcome> = {}): RunOutcome => ({
  tables: { lead_current: [{ lead_id: 'lead-1', stage: 'sql' }] },
  owners: { lead_current: [{ lead_id: 'lead-1', owner: 'ana' }] },
  decisionIds: { lead_transitions: [{ event_id: 'a' }] },
  published: [event('a', 'lead_qualified_sql')],
  stored: [event('a', 'lead_qualified_sql')],
  deadLetters: 0,
  ...overrides,
});

const TRAFFIC_NOW = Date.parse('2026-12-02T12:00:00Z');

const mismatchesOf = (calm: RunOutcome, chaos: RunOutcome) => Object.fromEntries(compareOutcomes(calm, chaos, TRAFFIC_NOW).map((c) => [c.name, c.mismatches]));

describe('comparing a chaos run with the calm run', () => {
  it('finds nothing when both left the same', () => {
    const comparisons = compareOutcomes(outcome(), outcome(), TRAFFIC_NOW);

    expect(comparisons.every((c) => c.mismatches === 0)).toBe(true);
  });

  it('counts a different row, a stored event Kafka never got, a timer fired twice and an extra dead letter; an owner only as reported', () => {
    const chaos = outcome({
      tables: { lead_current: [{ lead_id: 'lead-1', stage: 'mql' }] },
      owners: { lead_current: [{ lead_id: 'lead-1', owner: 'bo' }] },
      stored: [event('a', 'lead_qualified_sql'), event('b', 'sla_breached', ',"attempt":1'), event('c', 'sla_breached', ',"attempt":1')],
      published: [event('a', 'lead_qualified_sql'), event('b', 'sla_breached', ',"attempt":1')],
      deadLetters: 1,
    });

    const comparisons = compareOutcomes(outcome(), chaos, TRAFFIC_NOW);

    expect(mismatchesOf(outcome(), chaos)).toMatchObject({
      'analytics tables, row for row (owners aside)': 2,
      'round-robin owners (may follow arrival order)': 2,
      'event store events not on Kafka': 1,
      'SLA timers fired more than once': 1,
      'duplicate transitions in the net lifecycle': 1,
      'net lifecycle, event for event (owners aside)': 2,
      'dead letters beyond the calm run’s': 1,
      'SLA breaches, chaos vs calm': 2,
    });
    expect(comparisons.find((c) => c.name.startsWith('round-robin'))?.counts).toBe(false);
  });

  it('takes a decision retracted and made again as a detour, not as a duplicate, when the net lifecycle is the same', () => {
    const detour = [
      event('a', 'lead_qualified_sql'),
      event('b', 'sla_breached', ',"attempt":1'),
      event('r', 'sla_retracted', '', 'b'),
      event('c', 'sla_breached', ',"attempt":1'),
    ];
    const calm = outcome({ stored: [event('a', 'lead_qualified_sql'), event('b', 'sla_breached', ',"attempt":1')] });
    const chaos = outcome({ stored: detour, published: detour });

    const comparisons = compareOutcomes(calm, chaos, TRAFFIC_NOW);

    expect(comparisons.filter((c) => c.counts && c.mismatches > 0)).toEqual([]);
    expect(comparisons.find((c) => c.name.startsWith('compensating'))).toMatchObject({ mismatches: 1, counts: false });
  });

  it('shows the columns that differ for a row both runs hold', () => {
    const chaos = outcome({ tables: { lead_current: [{ lead_id: 'lead-1', stage: 'mql' }] } });

    const tables = compareOutcomes(outcome(), chaos, TRAFFIC_NOW).find((c) => c.name.startsWith('analytics'));

    expect(tables?.examples).toEqual(['lead_current: 2 rows differ, e.g. lead-1: calm {"stage":"sql"}, chaos {"stage":"mql"}']);
  });

  it('compares sealed personal fields as sealed, whatever key and IV each run sealed them with', () => {
    const sealed = (eventId: string, envelope: string) => event(eventId, 'lead_qualified_sql', `,"payload":{"context":{"email":"${envelope}"}}`);
    const calm = outcome({ stored: [sealed('a', 'lf1.l.bGVhZA.1.AAAAAAAAAAAAAAAA.c2VhbGVkLWJ5LWNhbG0tcnVu')] });
    const chaos = outcome({ stored: [sealed('a', 'lf1.l.bGVhZA.1.BBBBBBBBBBBBBBBB.c2VhbGVkLWJ5LWNoYW9zLXJ1bg')] });

    expect(compareOutcomes(calm, chaos, TRAFFIC_NOW).find((c) => c.name.startsWith('net lifecycle'))?.mismatches).toBe(0);
  });
  it('sets aside the score rows of a lead re-graded by the wall clock after the traffic in one run only, and reports it', () => {
    const scored = (at: string, grade: string) => ({ lead_id: 'lead-2', grade, scored_at: at });
    const calm = outcome({ tables: { lead_current: [{ lead_id: 'lead-1', stage: 'sql' }, scored('2026-11-26T10:00:00.000Z', 'A')], grade_daily: [scored('2026-11-26T10:00:00.000Z', 'A')] } });
    const chaos = outcome({
      tables: { lead_current: [{ lead_id: 'lead-1', stage: 'sql' }, scored('2026-12-02T13:09:24.901Z', 'B')], grade_daily: [scored('2026-11-26T10:00:00.000Z', 'A'), scored('2026-12-02T13:09:24.901Z', 'B')] },
    });
    const mismatches = mismatchesOf(calm, chaos);

    expect(mismatches['analytics tables, row for row (owners aside)']).toBe(0);
    expect(mismatches['leads re-graded by the wall clock (score rows set aside)']).toBe(1);
    const evaluatedEarlier = outcome({ tables: { lead_current: [{ lead_id: 'lead-1', stage: 'sql' }, scored('2026-11-26T10:00:00.000Z', 'B')], grade_daily: [scored('2026-11-26T10:00:00.000Z', 'A')] } });
    expect(mismatchesOf(calm, evaluatedEarlier)['analytics tables, row for row (owners aside)']).toBe(2);
  });
});
