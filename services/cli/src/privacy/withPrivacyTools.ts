import type { Pool } from 'pg';
import type { Producer } from 'kafkajs';
import { z } from 'zod';
import { commonConfig, connectPipeline, createLogger, createPool, createProducer, loadConfig, MasterKeys, migrate, subjectKeysMigrations, SubjectKeyring, type Pipeline } from '@leadflow/kit';
import { ensureMasterKey } from '../start/ensureMasterKey';

export interface PrivacyTools {
  pipeline: Pipeline;
  pool: Pool;
  keyring: SubjectKeyring;
  masters: MasterKeys;
  producer: Producer;
}

/** The pipeline, the database and the keyring (no cache: an erasure is seen at once) for one privacy command. */
export async function withPrivacyTools<T>(env: NodeJS.ProcessEnv, work: (tools: PrivacyTools) => Promise<T>): Promise<T> {
  const config = loadConfig(z.object(commonConfig), ensureMasterKey(env, () => undefined));
  const masters = MasterKeys.fromEnvironment(config);
  const pipeline = await connectPipeline('leadflow-privacy', config, createLogger('privacy', 'warn'));
  const pool = await createPool(config.DATABASE_URL, { max: 2 });
  const producer = await createProducer(pipeline.kafka);
  try {
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
    return await work({ pipeline, pool, producer, masters, keyring: new SubjectKeyring(pool, masters, { cacheTtlMs: 0 }) });
  } finally {
    await producer.disconnect();
    await pool.end();
  }
}
