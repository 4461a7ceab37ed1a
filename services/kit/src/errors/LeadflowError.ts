/** The base of every error leadflow raises: it says whether a retry can help and keeps its cause. */
export class LeadflowError extends Error {
  readonly retriable: boolean;

  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, { cause: options.cause });
    this.name = 'LeadflowError';
    this.retriable = options.retriable ?? false;
  }
}

/** Configuration that cannot work; raised at start-up with every clash named. */
export class ConfigError extends LeadflowError {
  constructor(message: string) {
    super(message, { retriable: false });
    this.name = 'ConfigError';
  }
}

/** A record that cannot be decoded or does not satisfy its contract: retrying cannot fix it. */
export class DecodeError extends LeadflowError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, cause });
    this.name = 'DecodeError';
  }
}

/**
 * A record the pipeline itself built breaks its topic's contract while being encoded: a defect in
 * the code that built it, never a property of the records being applied (so a consumer halts
 * and retries the partition, and dead-letters nothing).
 */
export class ContractViolationError extends LeadflowError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, cause });
    this.name = 'ContractViolationError';
  }
}

/** A record that decoded but cannot be applied (e.g. refused by the domain). */
export class RejectedRecordError extends LeadflowError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: false, cause });
    this.name = 'RejectedRecordError';
  }
}

/** The schema registry could not be asked (down, slow, answering 5xx): the record is fine, try again later. */
export class RegistryUnavailableError extends LeadflowError {
  constructor(message: string, cause?: unknown) {
    super(message, { retriable: true, cause });
    this.name = 'RegistryUnavailableError';
  }
}

const RETRIABLE_SQLSTATE = /^(08|40|53|57P)/; // connection, transaction rollback, resources, shutdown
const RETRIABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EAI_AGAIN', 'ENOTFOUND']);

/**
 * Whether retrying can help. Programming errors are never retried; leadflow and kafkajs errors say
 * so themselves; Postgres and network failures are judged by their codes. Anything else is treated
 * as a property of the record, so it is dead-lettered instead of blocking the partition forever.
 */
export function isRetriable(error: unknown): boolean {
  if (error instanceof TypeError || error instanceof RangeError) return false;
  if (error instanceof LeadflowError) return error.retriable;
  const e = error as { retriable?: unknown; code?: unknown } | undefined;
  if (typeof e?.retriable === 'boolean') return e.retriable;
  if (typeof e?.code === 'string') return RETRIABLE_SQLSTATE.test(e.code) || RETRIABLE_NODE_CODES.has(e.code);
  return false;
}
