import type { Kafka, Producer } from 'kafkajs';

/** The idempotent producer: acks from all in-sync replicas, no duplicates from its own retries. */
export async function createProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({ idempotent: true, maxInFlightRequests: 1, allowAutoTopicCreation: false });
  await producer.connect();
  return producer;
}
