import type { Kafka } from 'kafkajs';
import { testing, type Codecs } from '@leadflow/kit';

/** Reads every published score back through the registry, to the topic's end, and counts them by cause. */
export async function countScoresByCause(kafka: Kafka, codecs: Codecs, timeoutMs: number): Promise<{ published: number; byCause: Record<string, number> }> {
  const scores = await testing.readTopic(kafka, codecs.scores, timeoutMs);
  const byCause: Record<string, number> = {};
  for (const score of scores) byCause[score.cause] = (byCause[score.cause] ?? 0) + 1;
  return { published: scores.length, byCause };
}
