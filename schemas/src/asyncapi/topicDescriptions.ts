import type { TopicKey } from '../topics';

/** What each topic is for, in the words a consumer outside leadflow needs. */
export const topicDescriptions: Record<TopicKey, string> = {
  engagement: 'What leads and anonymous visitors do (page views, content, e-mail, forms, demo and contact requests), as ingest accepted it.',
  conversation: 'What the AI conversation learned: questions, BANT qualification, profile, consent.',
  identity: 'A visitor identified as a lead. Keyed by the visitor (anonymousId), so it lands in the partition of the visitor’s activity.',
  activityByLead: 'Internal repartition topic: activity only a visitor names, re-keyed by the lead the visitor became. Scoring folds it beside the raw activity topics, whose events that name their lead it reads directly.',
  outcome: 'Sales outcomes reported by the CRM (accepted, contacted, opportunity, won, lost, disqualified) and campaign spend.',
  scores: 'A lead’s fit, intent, readiness, total and A–F grade, with the breakdown and the context sales needs.',
  lifecycle:
    'Stage changes and ownership for CRMs: MQL, SQL (with the hand-off context), assignment, acceptance, opportunity, won, lost, disqualified. Compensating events undo what no longer holds.',
  sla: 'The follow-up clock of sales-qualified leads: started, met, breached, cancelled, and its compensating event.',
  recycled: 'Leads sent back to marketing, and the compensating event that undoes a recycling.',
  deadLetter: 'Records a consumer could not decode or apply, kept whole (original key and value bytes, headers, topic, partition, offset) with the reason.',
};
