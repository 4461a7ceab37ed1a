import { drainOutbox } from '@leadflow/kit';
import { eraseLead, handoffOutbox, type LeadErasure } from '@leadflow/handoff';
import type { PrivacyTools } from './withPrivacyTools';

/** How long the command waits for `lead_erased` to be published before leaving it to hand-off. */
const PUBLISH_WAIT_MS = 10_000;

export interface ErasureOutcome {
  erasure: LeadErasure;
  /** Whether `lead_erased` is on the lifecycle topic; false: it waits in hand-off's outbox. */
  published: boolean;
}

/**
 * Erases the lead through hand-off's outbox, then relays that outbox once: published at once when no
 * hand-off runs (or by the running hand-off's relay), else left for hand-off to publish when it runs.
 */
export async function eraseAndPublish({ pool, pipeline, namespace, logger }: PrivacyTools, leadId: string, now: number): Promise<ErasureOutcome> {
  const outbox = handoffOutbox(namespace);
  const erasure = await eraseLead(pool, { outbox, lifecycle: pipeline.codecs.lifecycle }, leadId, now);
  const waiting = await drainOutbox({ kafka: pipeline.kafka, pool, outbox, namespace, logger, durability: pipeline.durability, timeoutMs: PUBLISH_WAIT_MS });
  return { erasure, published: waiting === 0 };
}
