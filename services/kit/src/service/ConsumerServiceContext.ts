import type { Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import type { Codecs } from '../codec/createCodecs';
import type { Outbox } from '../outbox/Outbox';

/** What a consumer service's handlers and workers are built from. */
export interface ConsumerServiceContext {
  kafka: Kafka;
  /** Where handlers and workers write what they produce, in their transaction. */
  outbox: Outbox;
  codecs: Codecs;
  pool: Pool;
  logger: Logger;
  metrics: Registry;
  /** The prefix of this run's topic names and group ids. */
  namespace: string;
}
