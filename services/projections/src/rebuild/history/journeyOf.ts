import type { Assignment, EventContext } from '@leadflow/schemas';
import { JourneyWriter, sealedCrmText } from './JourneyWriter';
import type { ProjectionRecord } from './ProjectionRecord';

const HOUR = 60;

/** Where leads come from: paid campaigns, organic search, and direct traffic (no context). */
export const campaignContexts: (EventContext | undefined)[] = [
  { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin', utmMedium: 'paid-social' },
  { campaignId: 'spring-launch', utmSource: 'google', utmMedium: 'cpc' },
  { utmSource: 'google', utmMedium: 'organic' },
  { campaignId: 'partner-referral', utmSource: 'partner', utmMedium: 'referral' },
  undefined,
];

const owners: Assignment[] = [
  { owner: 'alice', team: 'enterprise', rule: 'territory-emea-enterprise' },
  { owner: 'bob', team: 'mid-market', rule: 'round-robin-mid-market' },
  { owner: 'chen', team: 'mid-market', rule: 'round-robin-mid-market' },
  { owner: 'dana', team: 'smb', rule: 'segment-smb' },
];

const pick = <T>(values: readonly T[], n: number): T => values[n % values.length] as T;

/** A lead who becomes an SQL, is contacted in time, accepted, and wins (or loses) a deal. */
function closes(j: JourneyWriter, owner: Assignment, lead: number, won: boolean): void {
  j.visit(false).after(20).scored(34).after(2 * HOUR).visit(true).scored(52).qualifiedMql();
  j.after(6 * HOUR).scored(74).after(3 * HOUR).scored(83).qualifiedSql(owner).assigned(owner, 'routed').slaStarted(owner, 1);
  j.after(45 + (lead % 90)).outcome('lead_contacted', { channel: pick(['phone', 'email', 'linkedin'], lead), by: sealedCrmText(owner.owner) });
  j.sla('sla_met', { owner: owner.owner, metBy: 'lead_contacted', by: sealedCrmText(owner.owner), elapsedMs: (45 + (lead % 90)) * 60_000 });
  j.after(HOUR).outcome('lead_accepted', { by: sealedCrmText(owner.owner) }).changeStage('sales_accepted', { fromStage: 'sql', by: sealedCrmText(owner.owner) }, 'accepted');
  const amount = 12_000 + (lead % 7) * 4_500;
  j.after(2 * 24 * HOUR).outcome('opportunity_created', { amount }).changeStage('opportunity_opened', { fromStage: 'accepted', amount }, 'opportunity');
  if (won) j.after(3 * 24 * HOUR).outcome('deal_won', { amount }).changeStage('deal_won', { fromStage: 'opportunity', amount }, 'won');
  else j.after(3 * 24 * HOUR).outcome('deal_lost', { reason: sealedCrmText('chose a competitor') }).changeStage('deal_lost', { fromStage: 'opportunity', reason: sealedCrmText('chose a competitor') }, 'lost');
}

/** An SQL nobody calls: breached, escalated, breached again, recycled; later qualifies again. */
function breached(j: JourneyWriter, owner: Assignment, next: Assignment): void {
  j.visit(false).after(30).scored(61).qualifiedMql().after(5 * HOUR).scored(81).qualifiedSql(owner).assigned(owner, 'routed').slaStarted(owner, 1);
  j.after(4 * HOUR).slaBreached(owner, 1).assigned(next, 'escalated', owner.owner).slaStarted(next, 2);
  j.after(4 * HOUR).slaBreached(next, 2).recycled('sla_breached');
  j.after(5 * 24 * HOUR).visit(true).scored(66).changeStage('lead_requalified', { fromStage: 'recycled', recycledFor: 'sla_breached' }, null).qualifiedMql();
}

/** An SQL sales rejects: recycled, then qualifies as an MQL again. */
function rejected(j: JourneyWriter, owner: Assignment): void {
  j.visit(false).after(HOUR).scored(58).qualifiedMql().after(8 * HOUR).scored(80).qualifiedSql(owner).assigned(owner, 'routed').slaStarted(owner, 1);
  j.after(HOUR).outcome('lead_rejected', { reason: sealedCrmText('no budget this year') });
  j.changeStage('sales_rejected', { fromStage: 'sql', reason: sealedCrmText('no budget this year') }, null).sla('sla_cancelled', { owner: owner.owner, reason: 'rejected' });
  j.recycled('rejected_by_sales').after(4 * 24 * HOUR).visit(true).scored(63);
  j.changeStage('lead_requalified', { fromStage: 'recycled', recycledFor: 'rejected_by_sales' }, null).qualifiedMql();
}

/** An MQL whose interest fades: re-graded by decay and recycled. */
function decays(j: JourneyWriter): void {
  j.visit(false).after(HOUR).scored(45).after(HOUR).scored(57).qualifiedMql();
  j.after(3 * 24 * HOUR).scored(38, 'decay').after(2 * 24 * HOUR).scored(18, 'decay').recycled('decayed');
}

/** A visitor who browses anonymously, identifies, and becomes an SQL nobody has touched yet. */
function identifies(j: JourneyWriter, owner: Assignment, lead: number, runId: string): void {
  const anonymousId = `anon-${lead}-${runId}`;
  j.visit(false, anonymousId).after(25).visit(true, anonymousId).after(HOUR).identified(anonymousId).visit(true);
  j.after(10).scored(55).qualifiedMql().after(3 * HOUR).scored(79).qualifiedSql(owner).assigned(owner, 'routed').slaStarted(owner, 1);
}

/** Someone who never warms up, withdraws consent, or is disqualified by the CRM. */
function staysOut(j: JourneyWriter, lead: number): void {
  j.visit(false).after(15).scored(8 + (lead % 10));
  if (lead % 3 === 0) j.after(2 * HOUR).changeStage('lead_marked_do_not_contact', { reason: 'consent withdrawn' }, null);
  if (lead % 3 === 1) j.after(HOUR).outcome('lead_disqualified', { reason: sealedCrmText('student') }).changeStage('lead_disqualified', { fromStage: 'lead', reason: sealedCrmText('student') }, 'disqualified');
  if (lead % 3 === 2) j.after(24 * HOUR).visit(true).scored(12 + (lead % 10));
}

/** Lead number `lead`'s records, starting at `start`; the journey depends on the lead's number. */
export function journeyOf(lead: number, runId: string, start: number): ProjectionRecord[] {
  const journey = new JourneyWriter(`lead-${lead}-${runId}`, start, pick(campaignContexts, lead));
  const owner = pick(owners, lead);
  const kinds = [
    () => closes(journey, owner, lead, true),
    () => closes(journey, owner, lead, false),
    () => breached(journey, owner, pick(owners, lead + 1)),
    () => rejected(journey, owner),
    () => decays(journey),
    () => identifies(journey, owner, lead, runId),
    () => staysOut(journey, lead),
  ];
  pick(kinds, lead)();
  return journey.records;
}
