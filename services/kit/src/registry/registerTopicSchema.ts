import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AvroSchema } from '@leadflow/schemas';
import { LeadflowError } from '../errors/LeadflowError';

/** TopicNameStrategy: the value schema of topic T lives under subject `T-value`. */
export const valueSubject = (topic: string): string => `${topic}-value`;

/** How often a write the registry refused with 409 Conflict, because another instance wrote at the same moment, is tried again. */
const CONFLICT_ATTEMPTS = 5;
const CONFLICT_BACKOFF_MS = 50;

/**
 * Sets BACKWARD compatibility on the topic's value subject and registers the schema under it
 * (registering an identical schema again returns the existing id). Returns the schema id.
 *
 * Safe when several instances start at once on a new namespace: both writes are idempotent, but
 * Apicurio answers 409 Conflict to the one that loses a race to create the subject's rule or
 * artifact. Tried again, the write finds what the winner created and succeeds.
 */
export async function registerTopicSchema(
  registry: SchemaRegistry,
  registryUrl: string,
  topic: string,
  avro: AvroSchema,
): Promise<number> {
  const subject = valueSubject(topic);
  await retryOnConflict(async () => {
    const response = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
      body: JSON.stringify({ compatibility: 'BACKWARD' }),
    });
    if (response.ok) return;
    throw new RegistryWriteError(`schema registry refused compatibility for ${subject}: ${response.status} ${await response.text()}`, response.status);
  });
  const { id } = await retryOnConflict(() => registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(avro) }, { subject }));
  return id;
}

async function retryOnConflict<T>(write: () => Promise<T>): Promise<T> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      return await write();
    } catch (error) {
      if (attempt >= CONFLICT_ATTEMPTS || !isConflict(error)) throw error;
      await new Promise((resolve) => setTimeout(resolve, CONFLICT_BACKOFF_MS * attempt));
    }
  }
}

/** A write the registry refused, with its HTTP status. */
class RegistryWriteError extends LeadflowError {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message, { retriable: status >= 500 || status === 409 });
    this.name = 'RegistryWriteError';
  }
}

/** Ours and the registry client's errors (its ResponseError) both carry the HTTP status. */
const isConflict = (error: unknown): boolean => typeof error === 'object' && error !== null && (error as { status?: unknown }).status === 409;
