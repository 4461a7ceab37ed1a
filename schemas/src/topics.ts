import { z } from 'zod';
import { AvroConverter, enumOf, type AvroSchema } from './avro/toAvroSchema';
import { inboundEnvelope, subjectId } from './events/common';
import { conversationPayloads } from './events/conversation';
import { deadLetter } from './events/deadLetter';
import { engagementPayloads } from './events/engagement';
import { identityPayloads } from './events/identity';
import { leadEventEnvelope, lifecyclePayloads } from './events/lifecycle';
import { sealedPayloadsOf } from './events/personal';
import { outcomePayloads } from './events/outcome';
import { recycledPayloads } from './events/recycled';
import { leadScored } from './events/scores';
import { slaPayloads } from './events/sla';

type Payloads = Record<string, z.ZodObject>;
type Shape = Record<string, z.ZodType>;

/** A discriminated union `{ ...envelope, type, payload }` with one branch per payload type. */
type TypedEvent<E extends Shape, P extends Payloads> = {
  [T in keyof P & string]: z.infer<z.ZodObject<E>> & { type: T; payload: z.infer<P[T]> };
}[keyof P & string];

/** A topic whose records are typed events: a shared envelope, a `type`, and that type's payload. */
export interface TypedEventTopic<E extends Shape = Shape, P extends Payloads = Payloads> {
  kind: 'typed';
  name: string;
  /** Avro record name of the value. */
  recordName: string;
  envelope: E;
  payloads: P;
  schema: z.ZodType<TypedEvent<E, P>>;
  avro: AvroSchema;
  /** The record field that holds the Kafka key. */
  keyField: keyof E & string;
}

/** A topic whose records all have one shape. */
export interface PlainTopic<S extends z.ZodObject = z.ZodObject> {
  kind: 'plain';
  name: string;
  recordName: string;
  schema: S;
  avro: AvroSchema;
  keyField: (keyof z.infer<S> & string) | undefined;
}

const NAMESPACE = 'io.leadflow';

function typedTopic<E extends Shape, P extends Payloads>(
  name: string,
  recordName: string,
  envelope: E,
  payloads: P,
  keyField: keyof E & string,
): TypedEventTopic<E, P> {
  const types = Object.keys(payloads) as [string, ...string[]];
  const branches = types.map((type) =>
    z.object({ ...envelope, type: z.literal(type), payload: payloads[type] as z.ZodObject }),
  );
  const schema = z.discriminatedUnion('type', branches as unknown as [z.ZodObject, ...z.ZodObject[]]);
  const namespace = `${NAMESPACE}.${recordName.replace(/Event$/, '').toLowerCase()}`;
  const converter = new AvroConverter(namespace);
  const envelopeRecord = converter.record(jsonSchemaOf(z.object(envelope)), `${recordName}Envelope`) as { fields: unknown[] };
  const avro: AvroSchema = {
    type: 'record',
    name: recordName,
    namespace,
    fields: [
      ...envelopeRecord.fields,
      { name: 'type', type: { ...enumOf(types), name: `${recordName}Type` } },
      { name: 'payload', type: payloadAvro(converter, payloads, types) },
    ],
  };
  return { kind: 'typed', name, recordName, envelope, payloads, schema: schema as never, avro, keyField };
}

/**
 * The payload is a union of one record per type; a topic with a single type carries that record
 * alone (a reader's union resolves a writer's record, so adding a type later stays compatible).
 */
function payloadAvro(converter: AvroConverter, payloads: Payloads, types: string[]): AvroSchema {
  const records = types.map((type) => {
    const record = converter.record(jsonSchemaOf(payloads[type] as z.ZodObject), pascalCase(type)) as { fields: unknown[] };
    return { ...record, fields: [discriminatorField(type), ...record.fields] };
  });
  return records.length === 1 ? (records[0] as AvroSchema) : records;
}

/** The field of every payload record that repeats its event type: see `PAYLOAD_DISCRIMINATOR`. */
export const PAYLOAD_DISCRIMINATOR = 'eventType';

/**
 * A one-symbol enum naming the payload's event type. Payload records may otherwise have the same
 * shape (several are empty, several hold only a `reason`), and a writer that picks the first union
 * branch its value fits (python-avro, fastavro without a branch name) would pick the wrong one;
 * with this field a value fits its own branch only. The default lets it read records written before it.
 */
function discriminatorField(type: string): Record<string, unknown> {
  return {
    name: PAYLOAD_DISCRIMINATOR,
    type: { type: 'enum', name: `${pascalCase(type)}Type`, symbols: [type], default: type },
    default: type,
    doc: 'Equal to the event\'s `type`: with it a payload value fits its own branch of the union only.',
  };
}

/** JSON Schema of a zod object; fields zod cannot express (bytes) carry their Avro type in metadata. */
const jsonSchemaOf = (schema: z.ZodType): never => z.toJSONSchema(schema, { target: 'draft-7', unrepresentable: 'any' }) as never;

function plainTopic<S extends z.ZodObject>(
  name: string,
  recordName: string,
  schema: S,
  keyField: (keyof z.infer<S> & string) | undefined,
): PlainTopic<S> {
  const namespace = `${NAMESPACE}.${recordName.toLowerCase()}`;
  const avro = new AvroConverter(namespace).record(jsonSchemaOf(schema), recordName);
  return { kind: 'plain', name, recordName, schema, avro, keyField };
}

export const pascalCase = (type: string): string =>
  type.replace(/(^|_)([a-z0-9])/g, (_m, _sep: string, c: string) => c.toUpperCase());

/** On topics, personal fields carry envelopes (see `personal`); the API takes the plaintext payloads. */
const sealedConversation = sealedPayloadsOf(conversationPayloads);
const sealedIdentity = sealedPayloadsOf(identityPayloads);
const sealedOutcome = sealedPayloadsOf(outcomePayloads);

/** Every topic of the pipeline, its contract, and the Avro schema registered for it. */
export const topics = {
  engagement: typedTopic('leads.engagement.v1', 'EngagementEvent', inboundEnvelope, engagementPayloads, 'leadId'),
  conversation: typedTopic('leads.conversation.v2', 'ConversationEvent', inboundEnvelope, sealedConversation, 'leadId'),
  // Keyed by the visitor, so an identification lands in the partition of the visitor's activity.
  identity: typedTopic('leads.identity.v1', 'IdentityEvent', inboundEnvelope, sealedIdentity, 'anonymousId'),
  /**
   * Internal repartition topic: activity only a visitor names, re-keyed by the lead the visitor
   * became once identified. Scoring folds it beside the raw activity topics (whose events that
   * name their lead need no re-keying); records written before that split carry every event.
   */
  activityByLead: typedTopic(
    'leads.activity-by-lead.v2',
    'LeadActivityEvent',
    { ...inboundEnvelope, leadId: subjectId },
    { ...engagementPayloads, ...sealedConversation, ...sealedIdentity },
    'leadId',
  ),
  outcome: typedTopic('leads.outcome.v2', 'OutcomeEvent', inboundEnvelope, sealedOutcome, 'leadId'),
  scores: plainTopic('leads.scores.v2', 'LeadScored', leadScored, 'leadId'),
  lifecycle: typedTopic('leads.lifecycle.v2', 'LifecycleEvent', leadEventEnvelope, lifecyclePayloads, 'leadId'),
  sla: typedTopic('leads.sla.v1', 'SlaEvent', leadEventEnvelope, slaPayloads, 'leadId'),
  recycled: typedTopic('leads.recycled.v1', 'RecycledEvent', leadEventEnvelope, recycledPayloads, 'leadId'),
  deadLetter: plainTopic('leads.dlq.v2', 'DeadLetter', deadLetter, undefined),
} as const;

export type TopicKey = keyof typeof topics;
export type AnyTopic = (typeof topics)[TopicKey];
export type RecordOf<T extends AnyTopic> = z.infer<T['schema']>;

export type EngagementEvent = RecordOf<typeof topics.engagement>;
export type ConversationEvent = RecordOf<typeof topics.conversation>;
export type IdentityEvent = RecordOf<typeof topics.identity>;
export type OutcomeEvent = RecordOf<typeof topics.outcome>;
export type LifecycleEvent = RecordOf<typeof topics.lifecycle>;
export type SlaEvent = RecordOf<typeof topics.sla>;
export type RecycledEvent = RecordOf<typeof topics.recycled>;
/** Everything a lead or visitor does, as it enters. */
export type ActivityEvent = EngagementEvent | ConversationEvent | IdentityEvent;
/** Everything a lead does that scoring folds: activity re-keyed by its lead. */
export type LeadActivityEvent = RecordOf<typeof topics.activityByLead>;
