import type { Pool } from 'pg';
import { z } from 'zod';
import { commonConfig, connectPipeline, createLogger, createPool, loadConfig, MasterKeys, migrate, subjectKeysMigrations, SubjectKeyring, type Logger, type Pipeline } from '@leadflow/kit';
import { ensureMasterKey } from '../start/ensureMasterKey';

export interface PrivacyTools {
  pipeline: Pipeline;
  pool: Pool;
  keyring: SubjectKeyring;
  masters: MasterKeys;
  /** The topic namespace of the pipeline (whose outbox relays to use). */
  namespace: string;
  logger: Logger;
}

/** The pipeline, the database and the keyring (no cache: an erasure is seen at once) for one privacy command. */
export async function withPrivacyTools<T>(env: NodeJS.ProcessEnv, work: (tools: PrivacyTools) => Promise<T>): Promise<T> {
  const config = loadConfig(z.object(commonConfig), ensureMasterKey(env, () => undefined));
  const masters = MasterKeys.fromEnvironment(config);
  const logger = createLogger('privacy', 'warn');
  const pipeline = await connectPipeline('leadflow-privacy', config, logger);
  const pool = await createPool(config.DATABASE_URL, { max: 2 });
  try {
    await migrate(pool, 'subject-keys', subjectKeysMigrations);
    return await work({ pipeline, pool, masters, namespace: config.TOPIC_NAMESPACE, logger, keyring: new SubjectKeyring(pool, masters, { cacheTtlMs: 0 }) });
  } finally {
    await pool.end();
  }
}
