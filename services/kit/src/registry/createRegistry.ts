import { SchemaRegistry } from '@kafkajs/confluent-schema-registry';

/** A client of a Confluent-compatible schema registry (Confluent, or Apicurio's ccompat API). */
export function createRegistry(url: string): SchemaRegistry {
  return new SchemaRegistry({ host: url, clientId: 'leadflow' });
}
