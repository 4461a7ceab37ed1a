import { SchemaType, type SchemaRegistry } from '@kafkajs/confluent-schema-registry';
import type { AvroSchema } from '@leadflow/schemas';
import { LeadflowError } from '../errors/LeadflowError';

/** TopicNameStrategy: the value schema of topic T lives under subject `T-value`. */
export const valueSubject = (topic: string): string => `${topic}-value`;

/**
 * Sets BACKWARD compatibility on the topic's value subject and registers the schema under it
 * (registering an identical schema again returns the existing id). Returns the schema id.
 */
export async function registerTopicSchema(
  registry: SchemaRegistry,
  registryUrl: string,
  topic: string,
  avro: AvroSchema,
): Promise<number> {
  const subject = valueSubject(topic);
  const response = await fetch(`${registryUrl}/config/${encodeURIComponent(subject)}`, {
    method: 'PUT',
    headers: { 'content-type': 'application/vnd.schemaregistry.v1+json' },
    body: JSON.stringify({ compatibility: 'BACKWARD' }),
  });
  if (!response.ok) {
    throw new LeadflowError(`schema registry refused compatibility for ${subject}: ${response.status} ${await response.text()}`, {
      retriable: response.status >= 500,
    });
  }
  const { id } = await registry.register({ type: SchemaType.AVRO, schema: JSON.stringify(avro) }, { subject });
  return id;
}
