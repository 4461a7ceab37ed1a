import {
  applyScores,
  at,
  event,
  given,
  historyOf,
  MINUTE_MS,
  mqlAt,
  outcome,
  sealed,
  sqlAt,
} from './leadFixtures.spec';

// The German enterprise lead becomes an SQL at hour 0 (grade B, 24 h SLA) with anna.schmidt.
const anna = 'anna.schmidt';
const sql = () => [applyScores(sqlAt(0))];
const accepted = () => [...sql(), outcome('lead_accepted', { by: anna }, at(1))];
const inOpportunity = () => [...accepted(), outcome('opportunity_created', { amount: 48_000 }, at(24 * 7))];
const won = () => [...inOpportunity(), outcome('deal_won', { amount: 52_000 }, at(24 * 40))];

describe('decide: sales accepts', () => {
  it('an SQL accepted by sales is accepted, and its SLA met', () => {
    given(...historyOf(...sql()))
      .when(outcome('lead_accepted', { by: anna }, at(0) + 20 * MINUTE_MS))
      .then([
        event('sales_accepted', { fromStage: 'sql', by: sealed(anna) }, at(0) + 20 * MINUTE_MS),
        event('sla_met', { owner: anna, metBy: 'lead_accepted', by: sealed(anna), elapsedMs: 20 * MINUTE_MS }, at(0) + 20 * MINUTE_MS),
      ]);
  });

  it('an acceptance repeated, or arriving after the opportunity, changes nothing', () => {
    given(...historyOf(...accepted())).when(outcome('lead_accepted', {}, at(2))).then([]);
    given(...historyOf(...inOpportunity())).when(outcome('lead_accepted', {}, at(24 * 8))).then([]);
  });

  it('an acceptance of a lead sales never received is refused, naming lead and stage', () => {
    given().when(outcome('lead_accepted', {}, at(1))).refused('lead_accepted refused: sales never received lead lead-42 (stage lead)');
    given(...historyOf(applyScores(mqlAt(0))))
      .when(outcome('lead_accepted', { by: anna }, at(1)))
      .refused('lead_accepted refused: sales never received lead lead-42 (stage mql)');
  });

  it('an acceptance of a won lead is refused', () => {
    given(...historyOf(...won()))
      .when(outcome('lead_accepted', {}, at(24 * 41)))
      .refused('lead_accepted refused: lead lead-42 is closed (stage won)');
  });
});

describe('decide: sales contacts', () => {
  it('a first contact meets the SLA and leaves the stage as it is', () => {
    given(...historyOf(...sql()))
      .when(outcome('lead_contacted', { channel: 'phone', by: anna }, at(3)))
      .then([event('sla_met', { owner: anna, metBy: 'lead_contacted', by: sealed(anna), elapsedMs: 3 * 60 * MINUTE_MS }, at(3))]);
  });

  it('a later contact of an SQL changes nothing; of an accepted lead, it is noted for the no-activity clock', () => {
    const contactedSql = [...sql(), outcome('lead_contacted', { channel: 'phone', by: anna }, at(3))];
    given(...historyOf(...contactedSql))
      .when(outcome('lead_contacted', { channel: 'email', by: anna }, at(5)))
      .then([]);
    given(...historyOf(...accepted()))
      .when(outcome('lead_contacted', { channel: 'email', by: anna }, at(48)))
      .then([event('sales_activity_noted', { activity: 'lead_contacted', channel: 'email', by: sealed(anna) }, at(48))]);
  });

  it('a contact of an MQL is refused', () => {
    given(...historyOf(applyScores(mqlAt(0))))
      .when(outcome('lead_contacted', { channel: 'phone', by: anna }, at(1)))
      .refused('lead_contacted refused: sales never received lead lead-42 (stage mql)');
  });
});

describe('decide: sales rejects', () => {
  it('an SQL rejected by sales is recycled, its SLA cancelled', () => {
    given(...historyOf(...sql()))
      .when(outcome('lead_rejected', { reason: 'student project' }, at(2)))
      .then([
        event('sales_rejected', { fromStage: 'sql', reason: sealed('student project') }, at(2)),
        event('sla_cancelled', { owner: anna, reason: 'rejected by sales' }, at(2)),
        event('lead_recycled', { reason: 'rejected_by_sales', fromStage: 'sql', detail: sealed('student project') }, at(2)),
      ]);
  });

  it('an accepted lead rejected later is recycled; no SLA runs any more', () => {
    given(...historyOf(...accepted()))
      .when(outcome('lead_rejected', { reason: 'no budget this year' }, at(30)))
      .then([
        event('sales_rejected', { fromStage: 'accepted', reason: sealed('no budget this year') }, at(30)),
        event('lead_recycled', { reason: 'rejected_by_sales', fromStage: 'accepted', detail: sealed('no budget this year') }, at(30)),
      ]);
  });

  it('a rejection repeated changes nothing', () => {
    given(...historyOf(...sql(), outcome('lead_rejected', { reason: 'student project' }, at(2))))
      .when(outcome('lead_rejected', { reason: 'student project' }, at(2)))
      .then([]);
  });

  it('a rejection once an opportunity is open is refused', () => {
    given(...historyOf(...inOpportunity()))
      .when(outcome('lead_rejected', { reason: 'gone quiet' }, at(24 * 8)))
      .refused('lead_rejected refused: lead lead-42 is at stage opportunity, expected sql or accepted');
  });
});

describe('decide: opportunity and deal', () => {
  it('an opportunity opened straight from SQL meets the SLA', () => {
    given(...historyOf(...sql()))
      .when(outcome('opportunity_created', { amount: 48_000 }, at(4)))
      .then([
        event('opportunity_opened', { fromStage: 'sql', amount: 48_000 }, at(4)),
        event('sla_met', { owner: anna, metBy: 'opportunity_created', elapsedMs: 4 * 60 * MINUTE_MS }, at(4)),
      ]);
  });

  it('an opportunity opened for an accepted lead, once; a repeat changes nothing', () => {
    given(...historyOf(...accepted()))
      .when(outcome('opportunity_created', { amount: 48_000 }, at(24 * 7)))
      .then([event('opportunity_opened', { fromStage: 'accepted', amount: 48_000 }, at(24 * 7))]);
    given(...historyOf(...inOpportunity()))
      .when(outcome('opportunity_created', { amount: 48_000 }, at(24 * 7)))
      .then([]);
  });

  it('a deal is won or lost from the opportunity', () => {
    given(...historyOf(...inOpportunity()))
      .when(outcome('deal_won', { amount: 52_000 }, at(24 * 40)))
      .then([event('deal_won', { fromStage: 'opportunity', amount: 52_000 }, at(24 * 40))]);
    given(...historyOf(...inOpportunity()))
      .when(outcome('deal_lost', { reason: 'chose a competitor' }, at(24 * 40)))
      .then([event('deal_lost', { fromStage: 'opportunity', reason: sealed('chose a competitor') }, at(24 * 40))]);
  });

  it('a deal outcome repeated changes nothing; one without an opportunity, or after the other, is refused', () => {
    given(...historyOf(...won()))
      .when(outcome('deal_won', { amount: 52_000 }, at(24 * 40)))
      .then([]);
    given(...historyOf(...accepted()))
      .when(outcome('deal_won', { amount: 52_000 }, at(24 * 5)))
      .refused('deal_won refused: lead lead-42 is at stage accepted, expected opportunity');
    given(...historyOf(...won()))
      .when(outcome('deal_lost', { reason: 'changed their mind' }, at(24 * 41)))
      .refused('deal_lost refused: lead lead-42 is closed (stage won)');
    given(...historyOf(applyScores(mqlAt(0))))
      .when(outcome('deal_lost', { reason: 'n/a' }, at(1)))
      .refused('deal_lost refused: sales never received lead lead-42 (stage mql)');
  });
});

describe('decide: disqualification', () => {
  it('an SQL disqualified by the CRM is disqualified and its SLA cancelled', () => {
    given(...historyOf(...sql()))
      .when(outcome('lead_disqualified', { reason: 'competitor' }, at(2)))
      .then([
        event('lead_disqualified', { fromStage: 'sql', reason: sealed('competitor') }, at(2)),
        event('sla_cancelled', { owner: anna, reason: 'disqualified' }, at(2)),
      ]);
  });

  it('the CRM may disqualify a lead before sales has it; a repeat changes nothing', () => {
    given(...historyOf(applyScores(mqlAt(0))))
      .when(outcome('lead_disqualified', { reason: 'competitor' }, at(2)))
      .then([event('lead_disqualified', { fromStage: 'mql', reason: sealed('competitor') }, at(2))]);
    given(...historyOf(applyScores(mqlAt(0)), outcome('lead_disqualified', { reason: 'competitor' }, at(2))))
      .when(outcome('lead_disqualified', { reason: 'competitor' }, at(2)))
      .then([]);
  });

  it('a closed deal cannot be disqualified', () => {
    given(...historyOf(...won()))
      .when(outcome('lead_disqualified', { reason: 'competitor' }, at(24 * 41)))
      .refused('lead_disqualified refused: lead lead-42 is closed (stage won)');
  });

  it('a disqualified lead is not handed over again, whatever its scores', () => {
    given(...historyOf(applyScores(mqlAt(0)), outcome('lead_disqualified', { reason: 'competitor' }, at(2))))
      .when(applyScores(sqlAt(3)))
      .then([]);
  });
});
