export * from './errors/LeadflowError';
export { loadConfig, commonConfig, portSchema } from './config/loadConfig';
export { createLogger, type Logger } from './logging/createLogger';
export { createKafka } from './kafka/createKafka';
export { ensureTopics } from './kafka/ensureTopics';
export { createProducer } from './kafka/createProducer';
export { publishRecords } from './kafka/publishRecords';
export type { ConsumedRecord, RefusedRecord } from './kafka/ConsumedRecord';
export { DeadLetterPublisher } from './kafka/DeadLetterPublisher';
export { runBatchConsumer, type BatchHandler, type RunningConsumer } from './kafka/runBatchConsumer';
export { createRegistry } from './registry/createRegistry';
export { registerTopicSchema, valueSubject } from './registry/registerTopicSchema';
export { TopicCodec, type DecodeResult } from './codec/TopicCodec';
export { createCodecs, type Codecs } from './codec/createCodecs';
export { createPool, ensureDatabase, dropDatabase } from './db/createPool';
export { migrate, type Migration } from './db/migrate';
export { consumerOffsetsMigration } from './db/consumerOffsetsMigration';
export { inTransaction } from './db/inTransaction';
export { startHealthServer, type HealthServer } from './http/startHealthServer';
export { runUntilSignalled, type Stoppable } from './service/runUntilSignalled';
export { connectPipeline, type Pipeline, type PipelineSettings } from './service/connectPipeline';
export { loadDataFile } from './config/loadDataFile';
export {
  startConsumerService,
  type ConsumerServiceContext,
  type ConsumerServiceDefinition,
  type ConsumerDefinition,
  type RunningService,
} from './service/startConsumerService';
export * as testing from './testing';
export { startTicker } from './service/startTicker';
