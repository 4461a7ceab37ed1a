import type { SubjectKeyring } from '@leadflow/kit';
import { sealPersonalFields, validateBatch, type RoutedRecord } from '@leadflow/ingest';

const KEYS_DEADLINE_MS = 30_000;

/** The events validated as ingest validates them, in batches of `size` (one batch per request). */
function batchesOf(events: Record<string, unknown>[], size: number): RoutedRecord[][] {
  const accepted = validateBatch(events, 'bench', Date.now(), () => crypto.randomUUID()).accepted;
  return Array.from({ length: Math.ceil(accepted.length / size) }, (_, i) => accepted.slice(i * size, (i + 1) * size));
}

/**
 * The CPU time ingest's sealing step takes per event, in µs (user + system of this process): the
 * events in batches of `size`, as requests of that size reach `sealPersonalFields`, with their
 * subjects' keys created and cached first by a warm-up pass, as a running ingest holds them.
 */
export async function measureSealingCpu(keyring: SubjectKeyring, events: Record<string, unknown>[], size: number): Promise<number> {
  for (const batch of batchesOf(events, size)) await sealPersonalFields(keyring, batch, KEYS_DEADLINE_MS);
  const batches = batchesOf(events, size);
  const before = process.cpuUsage();
  for (const batch of batches) await sealPersonalFields(keyring, batch, KEYS_DEADLINE_MS);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / Math.max(1, events.length);
}
