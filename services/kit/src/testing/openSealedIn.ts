import { activityTopicKeys, isSealedField, outcomeTopicKeys, payloadSchemaOf, personalFieldName, personalFieldsOf, topics } from '@leadflow/schemas';
import type { SubjectKeyring } from '../crypto/SubjectKeyring';

/** Every name a personal field is sealed under. */
const FIELD_NAMES = [...activityTopicKeys, ...outcomeTopicKeys].flatMap((key) =>
  Object.keys(topics[key].payloads).flatMap((type) => personalFieldsOf(payloadSchemaOf(key, type)).map((field) => personalFieldName(type, field.path))),
);

/**
 * `value` with every envelope in it replaced by what it seals (`opened:<text>`, or `<erased>` /
 * `<unreadable>`), so that runs sealing under different keys and IVs can be compared by content.
 */
export async function openSealedIn(keyring: SubjectKeyring, value: unknown): Promise<unknown> {
  if (typeof value === 'string') {
    if (!isSealedField(value)) return value;
    for (const field of FIELD_NAMES) {
      const opened = await keyring.open(field, value);
      if (opened.status === 'open') return `opened:${opened.value}`;
      if (opened.status === 'erased') return '<erased>';
    }
    return '<unreadable>';
  }
  if (Array.isArray(value)) return Promise.all(value.map((item) => openSealedIn(keyring, item)));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(await Promise.all(Object.entries(value).map(async ([k, v]) => [k, await openSealedIn(keyring, v)] as const)));
  }
  return value;
}
