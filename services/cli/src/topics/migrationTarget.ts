import { topics, type TopicKey } from '@leadflow/schemas';

/** The input topics that are systems of record and moved to a new contract: what a migration writes. */
export const MIGRATABLE_TOPICS = ['conversation', 'outcome'] as const satisfies readonly TopicKey[];
export type MigratableTopic = (typeof MIGRATABLE_TOPICS)[number];

/** Topics derived from the inputs: a migration never writes them, a replay rebuilds them. */
const DERIVED: Partial<Record<TopicKey, string>> = {
  activityByLead: 'scoring re-derives it from the input topics',
  scores: 'scoring publishes it again (`leadflow rescore --apply`)',
  lifecycle: 'hand-off re-decides every lead from scores and outcomes',
  sla: 'hand-off re-decides every lead from scores and outcomes',
  recycled: 'hand-off re-decides every lead from scores and outcomes',
  deadLetter: 'consumers dead-letter what they refuse; a v1 dead letter is read with a v1 build',
};

export type MigrationTarget = { ok: true; key: MigratableTopic } | { ok: false; reason: string };

/** Which contract a migration writes to `to` (a topic name with the pipeline's namespace), or why it cannot. */
export function migrationTargetOf(to: string, namespace: string): MigrationTarget {
  const key = (Object.keys(topics) as TopicKey[]).find((k) => `${namespace}${topics[k].name}` === to);
  const inputs = MIGRATABLE_TOPICS.map((k) => `${namespace}${topics[k].name}`).join(', ');
  if (key === undefined) return { ok: false, reason: `${to} is not a topic of this pipeline; a migration writes one of ${inputs}` };
  const migratable = (MIGRATABLE_TOPICS as readonly TopicKey[]).includes(key);
  if (migratable) return { ok: true, key: key as MigratableTopic };
  const derived = DERIVED[key];
  return derived
    ? { ok: false, reason: `${to} is derived, not a system of record: it is rebuilt by replay (${derived}), not migrated` }
    : { ok: false, reason: `${to} kept its contract and name: nothing to migrate; a migration writes one of ${inputs}` };
}
