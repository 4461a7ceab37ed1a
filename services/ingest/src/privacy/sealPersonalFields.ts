import { leadSubject, LeadflowError, subjectName, visitorSubject, type DataKey, type Subject, type SubjectKeyring, sealValue } from '@leadflow/kit';
import { payloadSchemaOf, personalFieldName, personalFieldsOf, type PersonalField } from '@leadflow/schemas';
import type { RoutedRecord } from '../kafka/RoutedRecord';

/** The data keys could not be had in time (Postgres down or slow): nothing was produced, the client retries. */
export class KeysUnavailableError extends LeadflowError {
  constructor(cause: unknown) {
    super('the keys sealing personal fields are unavailable', { retriable: true, cause });
    this.name = 'KeysUnavailableError';
  }
}

const fieldsByType = new Map<string, PersonalField[]>();

/** The personal fields of an event type, read once from its contract's `personal(...)` marks. */
function personalFieldsOfType(routed: RoutedRecord): PersonalField[] {
  const { type } = routed.record;
  let fields = fieldsByType.get(type);
  if (!fields) fieldsByType.set(type, (fields = personalFieldsOf(payloadSchemaOf(routed.topicKey, type))));
  return fields;
}

/** Whose key seals an event's personal fields: its lead, else its visitor. */
const subjectOf = (routed: RoutedRecord): Subject | undefined =>
  routed.record.leadId ? leadSubject(routed.record.leadId) : routed.record.anonymousId ? visitorSubject(routed.record.anonymousId) : undefined;

/**
 * Replaces every personal field of the accepted events with its envelope, before anything is
 * encoded for Kafka: one batched key lookup (keys created for new subjects), then AES-256-GCM per
 * field. Throws `KeysUnavailableError` when the keys cannot be had within `deadlineMs`.
 */
export async function sealPersonalFields(keyring: SubjectKeyring, accepted: readonly RoutedRecord[], deadlineMs: number): Promise<void> {
  const sealing = accepted.filter((routed) => personalFieldsOfType(routed).some((field) => valueAt(routed.record.payload, field.path) !== undefined));
  if (sealing.length === 0) return;
  const keys = await keysWithin(keyring, sealing.flatMap((routed) => subjectOf(routed) ?? []), deadlineMs);
  for (const routed of sealing) {
    const subject = subjectOf(routed);
    const key = subject && keys.get(subjectName(subject));
    if (!key) throw new LeadflowError(`no subject to seal the personal fields of event ${routed.record.eventId} with`);
    for (const field of personalFieldsOfType(routed)) sealAt(routed.record.payload as Record<string, unknown>, field, key, personalFieldName(routed.record.type, field.path));
  }
}

async function keysWithin(keyring: SubjectKeyring, subjects: Subject[], deadlineMs: number): Promise<Map<string, DataKey>> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${deadlineMs} ms`)), deadlineMs);
  });
  try {
    return await Promise.race([keyring.sealingKeys(subjects), deadline]);
  } catch (cause) {
    throw new KeysUnavailableError(cause);
  } finally {
    clearTimeout(timer);
  }
}

function valueAt(payload: unknown, path: readonly string[]): unknown {
  return path.reduce<unknown>((node, name) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined), payload);
}

function sealAt(payload: Record<string, unknown>, field: PersonalField, key: DataKey, name: string): void {
  const parent = valueAt(payload, field.path.slice(0, -1)) as Record<string, unknown> | undefined;
  const last = field.path[field.path.length - 1] as string;
  const value = parent?.[last];
  if (!parent || value === undefined) return;
  parent[last] = field.each ? (value as string[]).map((item) => sealValue(key, name, item)) : sealValue(key, name, value as string);
}
