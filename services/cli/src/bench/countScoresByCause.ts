import type { Kafka } from 'kafkajs';
import { testing, type Codecs } from '@leadflow/kit';

/** Reads the `expected` published scores back through the registry and counts them by cause. */
export async function countScoresByCause(kafka: Kafka, codecs: Codecs, expected: number, timeoutMs: number): Promise<Record<string, number>> {
  if (expected === 0) return {};
  const scores = await testing.collectTimedRecords(kafka, codecs.scores, (read) => read.length >= expected, timeoutMs);
  if (scores.length < expected) throw new Error(`read back ${scores.length} of ${expected} published scores`);
  const byCause: Record<string, number> = {};
  for (const { value } of scores) byCause[value.cause] = (byCause[value.cause] ?? 0) + 1;
  return byCause;
}
