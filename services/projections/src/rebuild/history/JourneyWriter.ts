import { randomUUID } from 'node:crypto';
import type { Assignment, EventContext, Grade, LeadScored, LifecycleEvent, OutcomeEvent, SlaEvent, Stage, Touch } from '@leadflow/schemas';
import type { ProjectionRecord } from './ProjectionRecord';

/** Personal fields as they travel: sealed with the lead's key (see the kit's crypto envelope); projections never open them. */
const SEALED_ROLE = 'lf1.l.bGVhZA.1.AAECAwQFBgcICQoL.VlAgTWFya2V0aW5nIHNlYWxlZA';
const SEALED_COMPANY = 'lf1.v.YW5vbg.1.AAECAwQFBgcICQoL.Q29tcGFueSBvZiB0aGUgbGVhZA';

/** The CRM's free text (reasons, who at sales) as it travels: an envelope of the lead's key, the text readable inside for a reader of the history. */
export const sealedCrmText = (text: string): string => `lf1.l.bGVhZA.1.AAECAwQFBgcICQoL.${Buffer.from(`${text} (sealed by the CRM webhook)`).toString('base64url')}`;

const MINUTE_MS = 60_000;
const SLA_MS = 4 * 60 * MINUTE_MS;
const MODEL_VERSION = 'default.v1';

const gradeOf = (total: number): Grade => (total >= 80 ? 'A' : total >= 60 ? 'B' : total >= 40 ? 'C' : total >= 20 ? 'D' : 'F');
const round1 = (value: number) => Math.round(value * 10) / 10;

type PayloadOf<E extends { type: string; payload: unknown }, T extends E['type']> = Extract<E, { type: T }>['payload'];

/**
 * Writes one lead's records in event-time order, as the pipeline would have produced them: its
 * visits and identification, its scores (each with first and last touch), its stage changes with
 * the scores that caused them, SLA clocks, recycling, and the CRM's outcomes. `after` moves the clock.
 */
export class JourneyWriter {
  readonly records: ProjectionRecord[] = [];
  private at: number;
  private stage: Stage = 'lead';
  private latest: LeadScored | undefined;
  private firstTouch: Touch | undefined;
  private lastTouch: Touch | undefined;
  private slaDeadline = 0;

  constructor(
    readonly leadId: string,
    start: number,
    private readonly context: EventContext | undefined,
  ) {
    this.at = start;
  }

  after(minutes: number): this {
    this.at += Math.round(minutes * MINUTE_MS);
    return this;
  }

  /** A visit: `session_started`, by the lead or, before it identified, by its anonymous id. */
  visit(returning: boolean, anonymousId?: string): this {
    const subject = anonymousId ? { anonymousId } : { leadId: this.leadId };
    const record = { ...this.inbound('web'), ...subject, ...(this.context ? { context: this.context } : {}), type: 'session_started' as const, payload: { returning } };
    this.touched({ eventId: record.eventId, type: record.type, occurredAt: this.at, source: 'web', ...this.context });
    this.records.push({ topicKey: 'engagement', record });
    return this;
  }

  identified(anonymousId: string): this {
    const payload = { anonymousId, leadId: this.leadId, company: SEALED_COMPANY };
    this.records.push({ topicKey: 'identity', record: { ...this.inbound('web'), leadId: this.leadId, anonymousId, type: 'lead_identified', payload } });
    return this;
  }

  scored(total: number, cause: LeadScored['cause'] = 'event'): this {
    const previousGrade = this.latest?.grade;
    const fit = round1(total * 0.65);
    const intent = round1(total * 0.8);
    const readiness = round1(total * 0.5);
    const dimension = (score: 'fit' | 'intent' | 'readiness', points: number, cap: number) => ({ score, dimension: `${score}-total`, points, cap, topContributors: [] });
    this.latest = {
      eventId: randomUUID(),
      leadId: this.leadId,
      modelVersion: MODEL_VERSION,
      evaluatedAt: this.at,
      cause,
      causeEventIds: [],
      fit,
      intent,
      readiness,
      total,
      grade: gradeOf(total),
      ...(previousGrade ? { previousGrade } : {}),
      breakdown: [dimension('fit', fit, 65), dimension('intent', intent, 80), dimension('readiness', readiness, 70)],
      signals: { contactConsent: 'granted', unsubscribed: false, demoRequested: total >= 60, contactRequested: false, bantEstablished: total >= 70 ? ['budget', 'need'] : [] },
      eventsApplied: (this.latest?.eventsApplied ?? 0) + 3,
      context: {
        // the role is personal: sealed upstream, and projections never open it
        profile: { companySize: 250, industry: 'software', role: SEALED_ROLE, seniority: 'vp', country: 'DE' },
        topFeatures: [],
        recentAssets: [],
        questions: [],
        bant: [],
        ...(this.firstTouch ? { firstTouch: this.firstTouch } : {}),
        ...(this.lastTouch ? { lastTouch: this.lastTouch } : {}),
      },
    };
    this.records.push({ topicKey: 'scores', record: this.latest });
    return this;
  }

  qualifiedMql(): this {
    return this.changeStage('lead_qualified_mql', { ...this.snapshot(), fromStage: this.stage }, 'mql');
  }

  qualifiedSql(owner: Assignment): this {
    const payload = { ...this.snapshot(), fromStage: this.stage, route: 'score_and_bant' as const, bantEstablished: ['budget' as const, 'need' as const], assignment: owner, slaDeadline: this.at + SLA_MS };
    return this.changeStage('lead_qualified_sql', payload, 'sql');
  }

  assigned(owner: Assignment, reason: 'routed' | 'escalated', previousOwner?: string): this {
    return this.lifecycle('lead_assigned', { ...owner, reason, ...(previousOwner ? { previousOwner } : {}) });
  }

  /** A stage change the CRM reported, on the lifecycle topic. */
  changeStage<T extends LifecycleEvent['type']>(type: T, payload: PayloadOf<LifecycleEvent, T>, to: Stage | null): this {
    this.lifecycle(type, payload);
    if (to) this.stage = to;
    return this;
  }

  slaStarted(owner: Assignment, attempt: number): this {
    this.slaDeadline = this.at + SLA_MS;
    return this.sla('sla_started', { owner: owner.owner, team: owner.team, deadline: this.slaDeadline, grade: this.latest?.grade ?? 'F', attempt });
  }

  /** The clock started last ran out. */
  slaBreached(owner: Assignment, attempt: number): this {
    return this.sla('sla_breached', { owner: owner.owner, deadline: this.slaDeadline, attempt });
  }

  sla<T extends SlaEvent['type']>(type: T, payload: PayloadOf<SlaEvent, T>): this {
    this.records.push({ topicKey: 'sla', record: { eventId: randomUUID(), leadId: this.leadId, occurredAt: this.at, type, payload } as SlaEvent });
    return this;
  }

  recycled(reason: 'rejected_by_sales' | 'no_sales_activity' | 'decayed' | 'sla_breached'): this {
    const record = { eventId: randomUUID(), leadId: this.leadId, occurredAt: this.at, type: 'lead_recycled' as const, payload: { reason, fromStage: this.stage } };
    this.records.push({ topicKey: 'recycled', record });
    this.stage = 'recycled';
    return this;
  }

  outcome<T extends OutcomeEvent['type']>(type: T, payload: PayloadOf<OutcomeEvent, T>): this {
    this.records.push({ topicKey: 'outcome', record: { ...this.inbound('crm'), leadId: this.leadId, type, payload } as OutcomeEvent });
    return this;
  }

  get currentStage(): Stage {
    return this.stage;
  }

  private lifecycle(type: LifecycleEvent['type'], payload: LifecycleEvent['payload']): this {
    this.records.push({ topicKey: 'lifecycle', record: { eventId: randomUUID(), leadId: this.leadId, occurredAt: this.at, type, payload } as LifecycleEvent });
    return this;
  }

  private snapshot() {
    const s = this.latest;
    if (!s) throw new TypeError(`lead ${this.leadId} qualifies before it was scored`);
    return { scoresEventId: s.eventId, modelVersion: s.modelVersion, total: s.total, grade: s.grade, fit: s.fit, intent: s.intent, readiness: s.readiness };
  }

  private inbound(source: string) {
    return { eventId: randomUUID(), occurredAt: this.at, receivedAt: this.at + 1_000, source };
  }

  private touched(touch: Touch): void {
    this.firstTouch ??= touch;
    this.lastTouch = touch;
  }
}
