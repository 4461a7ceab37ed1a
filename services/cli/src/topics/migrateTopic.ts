import type { Kafka, KafkaMessage, Message, Producer } from 'kafkajs';
import { DecodeError, readToEnd, readWithWriterSchema, type Codecs, type Pipeline, type SubjectKeyring } from '@leadflow/kit';
import type { RoutedRecord } from '@leadflow/ingest';
import { topics, type DeadLetter } from '@leadflow/schemas';
import { readDeadLetters } from '../dlq/readDeadLetters';
import { migrationTargetOf, type MigratableTopic } from './migrationTarget';
import { sealPlaintextFields } from './sealPlaintextFields';

/** The consumer group a migration's dead letters name: how a re-run knows them. */
export const MIGRATION_GROUP = 'leadflow-topics-migrate';
const BATCH = 500;

export interface MigrationTools {
  kafka: Kafka;
  registry: Pipeline['registry'];
  codecs: Codecs;
  keyring: SubjectKeyring;
  producer: Producer;
  namespace: string;
  now: () => number;
}

/** What a migration did, record by record of the source topic. */
export interface MigrationReport {
  from: string;
  to: string;
  read: number;
  /** Written to the target now. */
  migrated: number;
  /** Skipped: their event id is on the target already (an earlier run, or sent there directly). */
  alreadyOnTarget: number;
  /** Written to the dead-letter topic now, with the reason. */
  deadLettered: number;
  /** Skipped: an earlier run dead-lettered them. */
  alreadyDeadLettered: number;
}

/**
 * Copies an input topic's history written under its former contract (`leads.outcome.v1`) to the
 * topic of today's (`leads.outcome.v2`): each record read with its writer's schema from the
 * registry, converted to today's contract (payload discriminator, decimal money, personal fields
 * sealed as ingest seals them), written with its key, headers and event id. Idempotent: a record
 * whose event id is on the target, or that an earlier run dead-lettered, is skipped, so a re-run
 * (after a crash, or once more traffic came) writes only what is missing. What cannot be converted
 * goes to the dead-letter topic with the reason.
 */
export async function migrateTopic(tools: MigrationTools, from: string, to: string): Promise<MigrationReport> {
  const target = migrationTargetOf(to, tools.namespace);
  if (!target.ok) throw new Error(target.reason);
  if (from === to) throw new Error(`--from and --to are the same topic (${to})`);
  await assertTopicExists(tools.kafka, from);
  const codec = tools.codecs[target.key];
  const onTarget = await eventIdsOn(tools.kafka, codec);
  const lettered = new Set(
    (await readDeadLetters(tools.kafka, tools.codecs))
      .filter(({ letter }) => letter.consumerGroup === MIGRATION_GROUP && letter.originalTopic === from)
      .map(({ letter }) => `${letter.partition}/${letter.offset}`),
  );
  const report: MigrationReport = { from, to, read: 0, migrated: 0, alreadyOnTarget: 0, deadLettered: 0, alreadyDeadLettered: 0 };
  let records: Message[] = [];
  let letters: DeadLetter[] = [];
  const flush = async () => {
    if (records.length > 0) await tools.producer.send({ topic: to, acks: -1, messages: records });
    if (letters.length > 0) {
      const messages = await Promise.all(letters.map(async (l) => ({ key: null, value: await tools.codecs.deadLetter.encode(l) })));
      await tools.producer.send({ topic: tools.codecs.deadLetter.topicName, acks: -1, messages });
    }
    report.migrated += records.length;
    report.deadLettered += letters.length;
    records = [];
    letters = [];
  };
  await readToEnd(tools.kafka, from, async (partition, message) => {
    report.read += 1;
    if (lettered.has(`${partition}/${message.offset}`)) {
      report.alreadyDeadLettered += 1;
      return;
    }
    const converted = await convert(tools, target.key, message);
    if (!converted.ok) letters.push(deadLetterOf(from, partition, message, converted.reason, tools.now()));
    else if (onTarget.has(converted.eventId)) report.alreadyOnTarget += 1;
    else {
      onTarget.add(converted.eventId);
      records.push({ key: message.key, value: converted.value, headers: { ...textHeaders(message), 'leadflow-event-id': converted.eventId, 'leadflow-migrated-from': `${from}/${partition}/${message.offset}` } });
    }
    if (records.length + letters.length >= BATCH) await flush();
  }, 600_000);
  await flush();
  return report;
}

type Converted = { ok: true; eventId: string; value: Buffer } | { ok: false; reason: string };

/** One record of the former contract, as today's contract encodes it, or why it cannot be. */
async function convert(tools: MigrationTools, key: MigratableTopic, message: KafkaMessage): Promise<Converted> {
  const read = await readWithWriterSchema(tools.registry, topics[key], message.value);
  if (!read.ok) return read;
  const record = read.value as RoutedRecord['record'];
  const unsealable = await sealPlaintextFields(tools.keyring, { topicKey: key, record } as RoutedRecord);
  if (unsealable) return { ok: false, reason: unsealable };
  try {
    const { value } = await tools.codecs[key].encodeChecked(record);
    return { ok: true, eventId: record.eventId, value };
  } catch (error) {
    if (!(error instanceof DecodeError)) throw error;
    return { ok: false, reason: error.message };
  }
}

function deadLetterOf(from: string, partition: number, message: KafkaMessage, reason: string, failedAt: number): DeadLetter {
  return {
    originalTopic: from,
    partition,
    offset: Number(message.offset),
    key: message.key ?? undefined,
    value: message.value ?? undefined,
    headers: Object.entries(textHeaders(message)).map(([key, value]) => ({ key, value })),
    consumerGroup: MIGRATION_GROUP,
    errorName: 'MigrationRefused',
    reason: `cannot migrate to today's contract: ${reason}`.slice(0, 4000),
    retriable: false,
    failedAt,
  };
}

const textHeaders = (message: KafkaMessage): Record<string, string> =>
  Object.fromEntries(Object.entries(message.headers ?? {}).flatMap(([k, v]) => (v === undefined ? [] : [[k, Array.isArray(v) ? v.map(String).join(',') : String(v)]])));

async function eventIdsOn(kafka: Kafka, codec: Codecs[MigratableTopic]): Promise<Set<string>> {
  const ids = new Set<string>();
  await readToEnd(kafka, codec.topicName, async (_partition, message) => {
    const decoded = await codec.decode(message.value);
    if (decoded.ok) ids.add(decoded.value.eventId);
  }, 600_000);
  return ids;
}

async function assertTopicExists(kafka: Kafka, topic: string): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    if (!(await admin.listTopics()).includes(topic)) throw new Error(`no topic ${topic} on the broker`);
  } finally {
    await admin.disconnect();
  }
}
