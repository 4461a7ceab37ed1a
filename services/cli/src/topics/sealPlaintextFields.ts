import type { SubjectKeyring } from '@leadflow/kit';
import { sealPersonalFields, type RoutedRecord } from '@leadflow/ingest';
import { isSealedField, payloadSchemaOf, personalFieldsOf } from '@leadflow/schemas';

const KEYS_DEADLINE_MS = 30_000;

/** The strings a record holds in its personal fields. */
function personalValuesOf(routed: RoutedRecord): string[] {
  return personalFieldsOf(payloadSchemaOf(routed.topicKey, routed.record.type)).flatMap(({ path }) => {
    const value = path.reduce<unknown>((node, name) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[name] : undefined), routed.record.payload);
    return value === undefined ? [] : Array.isArray(value) ? value.map(String) : [String(value)];
  });
}

/**
 * Seals the personal fields of records written before they were sealed (a `.v1` record holds them in
 * plaintext), as ingest seals them today; a record already sealed is left as it is. Returns why a
 * record that holds both cannot be taken, else undefined.
 */
export async function sealPlaintextFields(keyring: SubjectKeyring, routed: RoutedRecord): Promise<string | undefined> {
  const values = personalValuesOf(routed);
  const sealed = values.filter(isSealedField).length;
  if (sealed === values.length) return undefined;
  if (sealed > 0) return 'personal fields partly sealed, partly in plaintext';
  await sealPersonalFields(keyring, [routed], KEYS_DEADLINE_MS);
  return undefined;
}
