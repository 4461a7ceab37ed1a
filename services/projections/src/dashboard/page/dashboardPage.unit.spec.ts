import type { FunnelDay } from '../queries/readFunnelDaily';
import type { DashboardData } from './DashboardData';
import { formatDays, formatMoney, formatPercent } from './formatValues';
import { funnelStages } from './funnelStages';
import { gradeSeries } from './gradeSeries';
import { niceTicks } from './niceTicks';
import { renderDashboardPage } from './renderDashboardPage';
import { slaByTeam } from './slaByTeam';

const funnelDay = (day: string, counts: Partial<FunnelDay>): FunnelDay => ({
  day,
  campaignId: 'q4-pricing-webinar',
  source: 'linkedin',
  newLeads: 0,
  mql: 0,
  sql: 0,
  accepted: 0,
  opportunities: 0,
  won: 0,
  requalified: 0,
  mqlRate: null,
  sqlRate: null,
  acceptRate: null,
  opportunityRate: null,
  winRate: null,
  avgDaysLeadToSql: null,
  ...counts,
});

const empty: DashboardData = { asOf: '2026-11-25T10:00:00.000Z', days: 30, funnel: [], grades: [], sla: [], campaigns: [], untouched: [], metrics: [] };

describe('funnelStages', () => {
  it('adds up every day, campaign and source and converts each stage from the one before', () => {
    const rows = [
      funnelDay('2026-11-24', { newLeads: 6, mql: 3, sql: 1 }),
      funnelDay('2026-11-25', { newLeads: 4, mql: 1, sql: 1, accepted: 1, opportunities: 1 }),
    ];

    const stages = funnelStages(rows);

    expect(stages.map((s) => [s.key, s.count, s.rateFromPrevious])).toEqual([
      ['leads', 10, null],
      ['mql', 4, 0.4],
      ['sql', 2, 0.5],
      ['accepted', 1, 0.5],
      ['opportunities', 1, 1],
      ['won', 0, 0],
    ]);
  });

  it('has no rate after a stage nobody reached', () => {
    expect(funnelStages([funnelDay('2026-11-25', { newLeads: 3 })]).map((s) => s.rateFromPrevious)).toEqual([null, 0, null, null, null, null]);
  });
});

describe('gradeSeries', () => {
  it('puts grades best first, fills the days between with zeros, and adds up each day', () => {
    const series = gradeSeries([
      { day: '2026-11-25', grade: 'F', leads: 2 },
      { day: '2026-11-23', grade: 'A', leads: 1 },
      { day: '2026-11-25', grade: 'B', leads: 3 },
    ]);

    expect(series.grades).toEqual(['A', 'B', 'C', 'D', 'F']);
    expect(series.days.map((d) => [d.day, d.total])).toEqual([
      ['2026-11-23', 1],
      ['2026-11-24', 0],
      ['2026-11-25', 5],
    ]);
  });
});

describe('slaByTeam', () => {
  it('adds up the owners of a team and rates the SLAs already decided', () => {
    const owner = { medianMinutesToFirstTouch: null, p90MinutesToFirstTouch: null, metRate: null };
    const teams = slaByTeam([
      { ...owner, team: 'mid-market', owner: 'tom.wu', started: 5, met: 3, breached: 1 },
      { ...owner, team: 'mid-market', owner: 'sara.lind', started: 2, met: 0, breached: 1 },
      { ...owner, team: 'enterprise-ae', owner: 'ben.carter', started: 1, met: 0, breached: 0 },
    ]);

    expect(teams).toEqual([
      { team: 'enterprise-ae', started: 1, met: 0, breached: 0, open: 1, metRate: null },
      { team: 'mid-market', started: 7, met: 3, breached: 2, open: 2, metRate: 0.6 },
    ]);
  });
});

describe('niceTicks', () => {
  it.each([
    [1, [0, 1]],
    [3, [0, 1, 2, 3]],
    [47, [0, 10, 20, 30, 40, 50]],
    [120, [0, 50, 100, 150]],
  ])('ticks for %d are %j', (max, ticks) => {
    expect(niceTicks(max)).toEqual(ticks);
  });
});

describe('formatValues', () => {
  it('writes money with cents for unit costs and whole units for totals', () => {
    expect([formatMoney(271.739, 'EUR'), formatMoney(420_000, 'EUR', 0), formatMoney(null, 'EUR')]).toEqual(['271.74 EUR', '420,000 EUR', '–']);
  });

  it('writes ratios as percentages and spans of days in the unit that reads best', () => {
    expect([formatPercent(0.4286), formatPercent(null)]).toEqual(['42.9%', '–']);
    expect([formatDays(0.01), formatDays(0.5), formatDays(2.25)]).toEqual(['14 min', '12.0 h', '2.3 days']);
  });
});

describe('renderDashboardPage', () => {
  it('escapes what clients sent: lead ids, owners and campaign names', () => {
    const hostile = '<img src=x onerror=alert(1)>';

    const html = renderDashboardPage({
      ...empty,
      untouched: [{ leadId: hostile, owner: `"${hostile}`, team: null, grade: 'A', sqlAt: '2026-11-25T09:00:00Z', hoursWaiting: 1 }],
      campaigns: [{ campaignId: hostile, spend: 10, currency: 'EUR', leads: 1, qualifiedLeads: 1, costPerLead: 10, costPerQualifiedLead: 10, pipelineAmount: 0, wonAmount: 0, firstTouchLeads: 1, lastTouchLeads: 1 }],
    });

    expect(html).not.toContain('<img');
    expect(html).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('loads nothing from anywhere: no script, no link, no external address', () => {
    const html = renderDashboardPage(empty);

    expect(html).not.toMatch(/<script|<link|src=|https?:\/\//i);
  });

  it('says so when a view has no rows yet', () => {
    const html = renderDashboardPage(empty);

    for (const id of ['metrics-empty', 'grades-empty', 'sla-empty', 'campaigns-empty', 'untouched-empty']) expect(html).toContain(`data-testid="${id}"`);
    expect(html).toContain('data-testid="funnel-count-leads">0<');
  });
});
