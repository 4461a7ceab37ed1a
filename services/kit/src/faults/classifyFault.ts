import { LeadflowError } from '../errors/LeadflowError';

/**
 * The three things that can go wrong while applying a batch, each with one behaviour:
 * - `transient`: something the batch needs is away or slow (broker, registry, Postgres, a
 *   timeout, a serialization failure or deadlock): wait and retry, never dead-letter.
 * - `bad-data`: the record itself cannot be applied: dead-letter it and go on.
 * - `bug`: anything else the handler throws: never a reason to dead-letter good records.
 */
export type FaultKind = 'transient' | 'bad-data' | 'bug';

// connection, transaction rollback (serialization, deadlock), resources, shutdown, statement
// timeout (57014), idle-in-transaction timeout (25P03)
const TRANSIENT_SQLSTATE = /^(08|40|53|57P|57014$|25P03$)/;
const TRANSIENT_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND', 'EHOSTUNREACH', 'ENETUNREACH']);
// node-postgres reports a lost or unobtainable connection without a code
const TRANSIENT_PG_MESSAGES = /^(Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|Query read timeout)/;

/** Which class of fault an error thrown while applying a batch belongs to. */
export function classifyFault(error: unknown): FaultKind {
  if (error instanceof TypeError || error instanceof RangeError || error instanceof ReferenceError || error instanceof SyntaxError) return 'bug';
  if (error instanceof LeadflowError) {
    if (error.retriable) return 'transient';
    return error.name === 'DecodeError' || error.name === 'RejectedRecordError' ? 'bad-data' : 'bug';
  }
  const e = error as { name?: unknown; code?: unknown; message?: unknown; retriable?: unknown } | undefined;
  // kafkajs reports a broker it could not reach, even after its own retries, as KafkaJS* errors
  if (typeof e?.name === 'string' && e.name.startsWith('KafkaJS')) return 'transient';
  if (typeof e?.code === 'string' && (TRANSIENT_SQLSTATE.test(e.code) || TRANSIENT_NODE_CODES.has(e.code))) return 'transient';
  if (typeof e?.message === 'string' && TRANSIENT_PG_MESSAGES.test(e.message)) return 'transient';
  if (e?.retriable === true) return 'transient';
  return 'bug';
}

/** A short label of a transient fault for metrics: which dependency was away. */
export function transientKindOf(error: unknown): 'kafka' | 'registry' | 'postgres' | 'network' {
  const e = error as { name?: unknown; code?: unknown } | undefined;
  if (typeof e?.name === 'string' && e.name.startsWith('KafkaJS')) return 'kafka';
  if (e?.name === 'RegistryUnavailableError') return 'registry';
  if (typeof e?.code === 'string' && /^[0-9A-Z]{5}$/.test(e.code) && !TRANSIENT_NODE_CODES.has(e.code)) return 'postgres';
  if (typeof (e as { message?: unknown })?.message === 'string' && TRANSIENT_PG_MESSAGES.test((e as { message: string }).message)) return 'postgres';
  return 'network';
}
