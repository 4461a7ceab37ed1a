import type { DemoLead } from './demoLeadJourney';
import type { PostedEventBody } from './sampleJourneys';
import type { Random } from './seededRandom';

const MINUTE = 60_000;

/** A lead as sales has it after the hand-off. */
export interface HandedOffLead {
  lead: DemoLead;
  sqlAt: number;
  owner: string;
}

/**
 * What the CRM reports for a lead sales picks up after its hand-off, in minutes after it: a call,
 * then acceptance, an opportunity and a deal won or lost, or a rejection or disqualification,
 * as the lead's scenario has it. Every time lies before `now`.
 */
export function salesFollowUp({ lead, sqlAt, owner }: HandedOffLead, now: number, random: Random): PostedEventBody[] {
  const events: PostedEventBody[] = [];
  const add = (minutes: number, type: string, payload: Record<string, unknown>) =>
    events.push({ eventId: crypto.randomUUID(), type, leadId: lead.leadId, occurredAt: new Date(Math.min(now - MINUTE, sqlAt + minutes * MINUTE)).toISOString(), payload });
  const contact = () => add(random.int(3, 14), 'lead_contacted', { channel: random.pick(['phone', 'phone', 'email', 'meeting']), by: owner });
  const amount = random.int(12, 95) * 1_000;
  switch (lead.scenario) {
    case 'won':
    case 'lost':
    case 'open_opportunity':
      contact();
      add(16, 'lead_accepted', { by: owner });
      add(21, 'opportunity_created', { amount });
      if (lead.scenario === 'won') add(29, 'deal_won', { amount: Math.round(amount * random.int(90, 110)) / 100 });
      if (lead.scenario === 'lost') add(29, 'deal_lost', { reason: random.pick(['chose a competitor', 'no budget this year', 'project postponed']) });
      break;
    case 'accepted':
      contact();
      add(17, 'lead_accepted', { by: owner });
      break;
    case 'accepted_uncontacted':
      add(random.int(8, 20), 'lead_accepted', { by: owner });
      break;
    case 'rejected':
    case 'rejected_returns':
      contact();
      add(18, 'lead_rejected', { reason: random.pick(['not the decision maker', 'no budget this year', 'evaluating for a student project']) });
      break;
    case 'disqualified':
      contact();
      add(15, 'lead_disqualified', { reason: random.pick(['existing customer', 'duplicate account']) });
      break;
    case 'untouched':
    case 'breached':
    case 'nurture':
    case 'cold':
      break;
    default: {
      const unexpected: never = lead.scenario;
      throw new Error(`unknown scenario ${String(unexpected)}`);
    }
  }
  return events;
}

/** A rejected lead comes back: it asks for a demo again, which qualifies it anew. */
export function comeback(lead: DemoLead, now: number): PostedEventBody[] {
  const context = lead.channel.context;
  return [
    { eventId: crypto.randomUUID(), type: 'session_started', leadId: lead.leadId, occurredAt: new Date(now - 2 * MINUTE).toISOString(), context, payload: { returning: true } },
    { eventId: crypto.randomUUID(), type: 'demo_requested', leadId: lead.leadId, occurredAt: new Date(now - MINUTE).toISOString(), context, payload: {} },
  ];
}
