// Named *.spec.ts so that the build leaves these test fixtures out; it holds no tests itself.
import { randomUUID } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadConfig, testing } from '@leadflow/kit';
import { loadHandoffRules, type HandoffRules } from '@leadflow/handoff';
import { validateBatch } from '@leadflow/ingest';
import { loadScoringModel, parseScoringModel, type ScoringModel } from '@leadflow/scoring';
import type { LeadActivityEvent } from '@leadflow/schemas';
import type { Journey, PostedEventBody } from '../simulate/sampleJourneys';
import type { LeadHistory } from './compareModels';
import { rescoreConfigSchema } from './rescoreConfig';

const DAY_MS = 86_400_000;
const defaults = loadConfig(rescoreConfigSchema, {});

export const defaultModel = (): ScoringModel => loadScoringModel(defaults.SCORING_MODEL_FILE);
export const defaultRules = (): HandoffRules => loadHandoffRules(defaults.HANDOFF_RULES_FILE);

/** The default model with every grade threshold ten points higher and pricing worth half as much. */
export function stricterModel(): ScoringModel {
  const model = structuredClone(defaultModel());
  model.version = 'stricter.v2';
  model.grades = { A: 90, B: 70, C: 50, D: 30 };
  model.intent.points.assetTypes.pricing /= 2;
  model.intent.highValueContent.pageViewPoints /= 2;
  model.intent.highValueContent.assetBonusPoints /= 2;
  const parsed = parseScoringModel(model);
  if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
  return parsed.model;
}

export function writeModelFile(dir: string, model: unknown, name = 'model.json'): string {
  const file = join(dir, name);
  writeFileSync(file, JSON.stringify(model, null, 2));
  return file;
}

/** Posted events as they reach the activity-by-lead topic: validated by ingest, personal fields sealed, keyed by their lead. */
export function activityOf(leadId: string, posted: readonly PostedEventBody[], receivedAt: number): LeadActivityEvent[] {
  const batch = validateBatch([...posted], 'test', receivedAt, () => '');
  if (batch.rejected.length > 0) throw new Error(`invalid fixture events: ${JSON.stringify(batch.rejected)}`);
  return batch.accepted.map(({ topicKey, record }) => ({ ...testing.withSealedLikeFields(topicKey, record), leadId }) as LeadActivityEvent);
}

export const historiesOf = (journeys: readonly Journey[], receivedAt: number): LeadHistory[] =>
  journeys.map((j) => ({ leadId: j.leadId, events: activityOf(j.leadId, j.events, receivedAt) }));

/** A deterministic stream of numbers in [0, 1), so generated leads are the same on every run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1_664_525) + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

const pick = <T>(next: () => number, items: readonly T[]): T => items[Math.floor(next() * items.length)] as T;

/**
 * `count` leads with varied profiles and engagement over the last `days` days before `now`: some
 * cold, some reading pricing, some answering BANT questions or asking for a demo.
 */
export function generatedHistories(prefix: string, count: number, now: number, days = 30, seed = 42): LeadHistory[] {
  const next = seeded(seed);
  return Array.from({ length: count }, (_, i) => {
    const leadId = `${prefix}-${i}`;
    const at = () => new Date(now - Math.floor(next() * days * DAY_MS) - 60_000).toISOString();
    const event = (type: string, payload: Record<string, unknown> = {}): PostedEventBody => ({
      eventId: randomUUID(),
      type,
      occurredAt: at(),
      leadId,
      payload,
    });
    const posted = [
      event('profile_captured', {
        companySize: pick(next, [5, 40, 150, 600, 8000]),
        industry: pick(next, ['software', 'fintech', 'healthcare', 'retail', 'media']),
        role: 'Buyer',
        seniority: pick(next, ['individual', 'manager', 'director', 'vp', 'student']),
        country: pick(next, ['US', 'DE', 'GB', 'BR', 'FR']),
      }),
    ];
    const activity = Math.floor(next() * 12);
    for (let n = 0; n < activity; n += 1) {
      const roll = next();
      if (roll < 0.3) posted.push(event('page_viewed', { url: pick(next, ['/pricing', '/blog/scoring', '/plans']), durationSec: 60 }));
      else if (roll < 0.5) posted.push(event('content_consumed', { assetId: 'a-1', assetType: pick(next, ['pricing', 'whitepaper', 'case_study']), completionPct: 80 }));
      else if (roll < 0.65) posted.push(event('feature_explored', { feature: pick(next, ['routing', 'api', 'sso']), durationSec: 120 }));
      else if (roll < 0.75) posted.push(event('email_engaged', { action: 'click', campaignId: 'spring' }));
      else if (roll < 0.85) posted.push(event('question_asked', { text: 'How does it integrate?', topic: 'integration', specificity: 0.7 }));
      else if (roll < 0.97) posted.push(event('qualification_captured', { dimension: 'need', value: { painPoints: ['slow follow-up'], priority: 'high' }, confidence: 0.8 }));
      else posted.push(event('demo_requested'));
    }
    return { leadId, events: activityOf(leadId, posted, now) };
  });
}
