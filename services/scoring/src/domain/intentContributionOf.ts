import type { EngagementEvent, LeadActivityEvent } from '@leadflow/schemas';
import type { IntentDimension } from './dimensions';
import type { ScoringModel } from './scoringModel';

export type IntentContribution = { dimension: IntentDimension; points: number };

type Payload<T extends EngagementEvent['type']> = Extract<EngagementEvent, { type: T }>['payload'];
type IntentModel = ScoringModel['intent'];

function pageViewPoints(p: Payload<'page_viewed'>, m: IntentModel): number {
  const url = p.url.toLowerCase();
  const highValue = m.highValueContent.urlPatterns.some((pattern) => url.includes(pattern.toLowerCase()));
  return highValue ? m.highValueContent.pageViewPoints : m.points.pageView;
}

function contentPoints(p: Payload<'content_consumed'>, m: IntentModel): number {
  const completion = p.completionPct === undefined ? m.points.unknownCompletion : p.completionPct / 100;
  const bonus = m.highValueContent.assetTypes.includes(p.assetType) ? m.highValueContent.assetBonusPoints : 0;
  return (m.points.assetTypes[p.assetType] + bonus) * completion;
}

const sharedPoints = (p: Payload<'content_shared'>, m: IntentModel): number =>
  m.points.contentShared + m.points.perRecipient * Math.min(p.recipients, m.points.maxRecipientsCounted);

const to = (dimension: IntentDimension, points: number): IntentContribution => ({ dimension, points });

/** Which intent dimension an event feeds and with how many points (before decay); none for other events. */
export function intentContributionOf(event: LeadActivityEvent, model: ScoringModel): IntentContribution | undefined {
  const m = model.intent;
  switch (event.type) {
    case 'page_viewed':
      return to('contentEngagement', pageViewPoints(event.payload, m));
    case 'content_consumed':
      return to('contentEngagement', contentPoints(event.payload, m));
    case 'email_engaged':
      return to('contentEngagement', event.payload.action === 'click' ? m.points.emailClick : m.points.emailOpen);
    case 'link_opened':
      return to('contentEngagement', m.points.linkOpened);
    case 'form_submitted':
      return to('contentEngagement', m.points.formSubmitted);
    case 'feature_explored':
      return to('featureInterest', m.points.featureExplored);
    case 'tool_used':
      return to('featureInterest', event.payload.completed ? m.points.toolCompleted : m.points.toolStarted);
    case 'demo_requested':
      return to('featureInterest', m.points.demoRequested);
    case 'contact_requested':
      return to('featureInterest', m.points.contactRequested);
    case 'question_asked':
      return to('questionQuality', m.points.questionSpecificity * event.payload.specificity);
    case 'session_started':
      return event.payload.returning ? to('returnVisits', m.points.returningSession) : undefined;
    case 'content_shared':
      return to('sharingStakeholders', sharedPoints(event.payload, m));
    case 'unsubscribed':
    case 'qualification_captured':
    case 'profile_captured':
    case 'consent_changed':
    case 'lead_identified':
      return undefined;
    default: {
      const unexpected: never = event;
      throw new Error(`unknown activity ${JSON.stringify(unexpected)}`);
    }
  }
}
