import { randomBytes, randomUUID } from 'node:crypto';
import { Kafka, logLevel } from 'kafkajs';
import { topics } from '@leadflow/schemas';
import { dropDatabase, ensureDatabase } from '../db/createPool';
import { relayCursorTopic } from '../outbox/RelayCursor';

export interface IsolatedRun {
  id: string;
  /** Prefix of this run's topics and subjects. */
  namespace: string;
  databaseUrl: string;
  kafkaBrokers: string;
  registryUrl: string;
  /** The environment a service of this run is configured with. */
  env: Record<string, string>;
  cleanUp(): Promise<void>;
}

/** A unique topic namespace and a fresh database, so each test run shares nothing with another. */
export async function isolatedRun(label: string): Promise<IsolatedRun> {
  const id = `${label}-${randomUUID().slice(0, 8)}`;
  const base = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
  base.pathname = `/leadflow_test_${id.replace(/-/g, '_')}`;
  const databaseUrl = base.toString();
  await ensureDatabase(databaseUrl);
  const kafkaBrokers = process.env.KAFKA_BROKERS ?? '127.0.0.1:19092';
  const registryUrl = process.env.SCHEMA_REGISTRY_URL ?? 'http://127.0.0.1:18081/apis/ccompat/v7';
  const namespace = `${id}.`;
  return {
    id,
    namespace,
    databaseUrl,
    kafkaBrokers,
    registryUrl,
    env: {
      TOPIC_NAMESPACE: namespace,
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: kafkaBrokers,
      SCHEMA_REGISTRY_URL: registryUrl,
      LOG_LEVEL: 'warn',
      // Each run seals personal fields under its own master key.
      LEADFLOW_MASTER_KEY: `test-${id}:${randomBytes(32).toString('base64')}`,
    },
    cleanUp: async () => {
      await dropDatabase(databaseUrl);
      const admin = new Kafka({ brokers: [kafkaBrokers], logLevel: logLevel.NOTHING }).admin();
      await admin.connect();
      await admin.deleteTopics({ topics: [...Object.values(topics).map((t) => `${namespace}${t.name}`), relayCursorTopic(namespace)] }).catch(() => undefined);
      await admin.disconnect();
    },
  };
}
