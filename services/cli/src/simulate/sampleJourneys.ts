import { randomUUID } from 'node:crypto';

/** An event as a client posts it to `POST /v1/events`. */
export interface PostedEventBody {
  eventId: string;
  type: string;
  occurredAt: string;
  leadId?: string;
  anonymousId?: string;
  context?: Record<string, string>;
  payload?: Record<string, unknown>;
}

export interface Journey {
  persona: string;
  leadId: string;
  /** What a marketer would expect of this lead. */
  expected: { stage: 'lead' | 'mql' | 'sql'; grades: string[] };
  events: PostedEventBody[];
}

const MINUTE = 60_000;

/** Builds events a few minutes apart, ending just before `now`. */
function timeline(now: number, subject: { leadId?: string; anonymousId?: string }, context: Record<string, string>) {
  const events: PostedEventBody[] = [];
  return {
    add(type: string, payload: Record<string, unknown> = {}, override: { leadId?: string; anonymousId?: string } = {}) {
      events.push({ eventId: randomUUID(), type, occurredAt: '', ...subject, ...override, context, payload });
      return this;
    },
    done(): PostedEventBody[] {
      const start = now - (events.length + 1) * MINUTE;
      return events.map((e, i) => ({ ...e, occurredAt: new Date(start + i * MINUTE).toISOString() }));
    },
  };
}

/**
 * Realistic journeys of a few personas: a VP who self-qualifies and confirms BANT, a manager who
 * becomes marketing qualified, a student who stays cold, and a visitor who browses anonymously
 * before identifying.
 */
export function sampleJourneys(now: number, suffix: string = randomUUID().slice(0, 8)): Journey[] {
  const vp = `vera-${suffix}`;
  const manager = `marco-${suffix}`;
  const student = `sam-${suffix}`;
  const visitorLead = `nadia-${suffix}`;
  const visitor = `anon-${suffix}`;
  const paid = { campaignId: 'q4-pricing-webinar', utmSource: 'linkedin', utmMedium: 'paid-social' };
  const organic = { utmSource: 'google', utmMedium: 'organic' };
  return [
    {
      persona: 'Vera, VP Engineering at a 500-person software company in Germany',
      leadId: vp,
      expected: { stage: 'sql', grades: ['A', 'B'] },
      events: timeline(now, { leadId: vp }, paid)
        .add('session_started', { returning: false })
        .add('profile_captured', { companySize: 500, annualRevenue: 80_000_000, industry: 'software', role: 'VP Engineering', seniority: 'vp', country: 'DE' })
        .add('page_viewed', { url: '/pricing', durationSec: 180 })
        .add('content_consumed', { assetId: 'pricing-sheet', assetType: 'pricing', durationSec: 240, completionPct: 100 })
        .add('feature_explored', { feature: 'realtime-scoring', durationSec: 300 })
        .add('feature_explored', { feature: 'crm-sync', durationSec: 200 })
        .add('question_asked', { text: 'Can scores sync to Salesforce within a minute?', topic: 'integration', specificity: 0.9 })
        .add('question_asked', { text: 'How is pricing tiered above 50 seats?', topic: 'pricing', specificity: 0.8 })
        .add('qualification_captured', { dimension: 'budget', value: { budgetMin: 50_000, budgetMax: 120_000, budgetApproved: true }, confidence: 0.9 })
        .add('qualification_captured', { dimension: 'authority', value: { role: 'VP Engineering', isDecisionMaker: true, stakeholders: 3 }, confidence: 0.9 })
        .add('qualification_captured', { dimension: 'need', value: { painPoints: ['slow lead follow-up'], priority: 'high' }, confidence: 0.8 })
        .add('qualification_captured', { dimension: 'timeline', value: { monthsToPurchase: 3, evaluationStage: 'shortlisting' }, confidence: 0.8 })
        .add('session_started', { returning: true })
        .add('demo_requested')
        .done(),
    },
    {
      persona: 'Marco, marketing manager at a 300-person fintech in the UK',
      leadId: manager,
      expected: { stage: 'mql', grades: ['C'] },
      events: timeline(now, { leadId: manager }, organic)
        .add('profile_captured', { companySize: 300, industry: 'fintech', role: 'Marketing Manager', seniority: 'manager', country: 'GB' })
        .add('content_consumed', { assetId: 'lead-scoring-guide', assetType: 'whitepaper', durationSec: 600, completionPct: 90 })
        .add('content_consumed', { assetId: 'customer-story-acme', assetType: 'case_study', durationSec: 300, completionPct: 80 })
        .add('feature_explored', { feature: 'realtime-scoring', durationSec: 120 })
        .add('session_started', { returning: true })
        .add('question_asked', { text: 'Does it work with HubSpot forms?', topic: 'integration', specificity: 0.6 })
        .add('qualification_captured', { dimension: 'need', value: { painPoints: ['leads go cold'], priority: 'high' }, confidence: 0.8 })
        .add('qualification_captured', { dimension: 'timeline', value: { monthsToPurchase: 9, evaluationStage: 'researching' }, confidence: 0.6 })
        .done(),
    },
    {
      persona: 'Sam, a student reading one blog post',
      leadId: student,
      expected: { stage: 'lead', grades: ['F'] },
      events: timeline(now, { leadId: student }, organic)
        .add('profile_captured', { seniority: 'student', country: 'US' })
        .add('page_viewed', { url: '/blog/what-is-lead-scoring', durationSec: 90 })
        .done(),
    },
    {
      persona: 'Nadia, browses anonymously, then identifies as a director at a 1,200-person SaaS company',
      leadId: visitorLead,
      expected: { stage: 'mql', grades: ['C', 'B'] },
      events: timeline(now, { anonymousId: visitor }, paid)
        .add('session_started', { returning: false })
        .add('page_viewed', { url: '/pricing', durationSec: 120 })
        .add('feature_explored', { feature: 'routing', durationSec: 240 })
        .add('tool_used', { tool: 'roi_calculator', completed: true })
        .add('session_started', { returning: true })
        .add('lead_identified', { anonymousId: visitor, leadId: visitorLead, email: 'nadia@example.com', company: 'Example SaaS' }, { anonymousId: undefined, leadId: visitorLead })
        .add('profile_captured', { companySize: 1200, industry: 'saas', role: 'Director of Sales Ops', seniority: 'director', country: 'US' }, { anonymousId: undefined, leadId: visitorLead })
        .add('question_asked', { text: 'Can routing skip reps on vacation?', topic: 'routing', specificity: 0.85 }, { anonymousId: undefined, leadId: visitorLead })
        .add('qualification_captured', { dimension: 'need', value: { painPoints: ['manual routing'], priority: 'medium' }, confidence: 0.7 }, { anonymousId: undefined, leadId: visitorLead })
        .done(),
    },
  ];
}
