import { z } from 'zod';
import { describeIssues } from '@leadflow/schemas';
import { ConfigError } from '../errors/LeadflowError';

/**
 * Parses process configuration once, at start-up, with defaults in the schema. Every bad value is
 * named in one message so an operator fixes them all in one go.
 */
export function loadConfig<S extends z.ZodType>(schema: S, env: NodeJS.ProcessEnv = process.env): z.infer<S> {
  const result = schema.safeParse(env);
  if (result.success) return result.data;
  const problems = describeIssues(result.error.issues);
  throw new ConfigError(`invalid configuration:\n  ${problems.join('\n  ')}`);
}

const port = z.coerce.number().int().min(0).max(65535);
const millis = z.coerce.number().int().min(1).max(86_400_000);

/** Settings every service shares. */
export const commonConfig = {
  KAFKA_BROKERS: z
    .string()
    .default('127.0.0.1:19092')
    .transform((s) => s.split(',').map((b) => b.trim()).filter(Boolean)),
  SCHEMA_REGISTRY_URL: z.url().default('http://127.0.0.1:18081/apis/ccompat/v7'),
  DATABASE_URL: z.string().default('postgres://postgres@127.0.0.1:5432/leadflow'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  HEALTH_PORT: port.default(0),
  /** Where health, metrics and HTTP APIs listen: loopback by default, 0.0.0.0 in a container. */
  BIND_ADDRESS: z.union([z.ipv4(), z.ipv6(), z.literal('localhost')]).default('127.0.0.1'),
  TOPIC_NAMESPACE: z
    .string()
    .regex(/^[a-zA-Z0-9._-]*$/, 'may contain only letters, digits and . _ -')
    .default(''),
  /** After a stop signal, exit by then: what is in flight is committed or rolled back. */
  SHUTDOWN_DEADLINE_MS: millis.default(30_000),
  /** Replicas of each pipeline topic created: 1 on the local broker, 3 in production. */
  TOPIC_REPLICATION_FACTOR: z.coerce.number().int().min(1).max(32).default(1),
  /** Replicas a write must reach before Kafka acknowledges it: 1 locally, 2 in production. */
  TOPIC_MIN_INSYNC_REPLICAS: z.coerce.number().int().min(1).max(32).default(1),
  /** Retention of pipeline topics; -1 (the default) keeps the history replay and re-scoring need. */
  TOPIC_RETENTION_MS: z.coerce.number().int().min(-1).default(-1),
  /** `<id>:<base64 of 32 bytes>`: the master key wrapping the data keys of personal fields (or LEADFLOW_MASTER_KEY_FILE). */
  LEADFLOW_MASTER_KEY: z.string().optional(),
  /** A JSON file of master keys by id and the current one; several ids while the master rotates. */
  LEADFLOW_MASTER_KEY_FILE: z.string().optional(),
};

/** Settings of the consumer services: bounded waits on Postgres and the consumers' fault policy. */
export const consumerConfig = {
  PG_CONNECT_TIMEOUT_MS: millis.default(10_000),
  PG_STATEMENT_TIMEOUT_MS: millis.default(30_000),
  PG_IDLE_IN_TRANSACTION_TIMEOUT_MS: millis.default(60_000),
  CONSUMER_RETRY_INITIAL_MS: millis.default(200),
  CONSUMER_RETRY_MAX_MS: millis.default(5_000),
  CONSUMER_UNREADY_AFTER_MS: millis.default(30_000),
  CONSUMER_BUG_ATTEMPTS: z.coerce.number().int().min(1).max(100).default(3),
  CONSUMER_ACCEPT_OFFSET_GAP: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
};

export const portSchema = port;
