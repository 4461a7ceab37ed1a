import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/** The idempotent producer: acks from all in-sync replicas, no duplicates from its own retries. */
export async function createProducer(kafka: Kafka): Promise<Producer> {
  // Retries stay bounded (kafkajs warns about it): a caller waiting on an ack gets an error it can
  // answer, e.g. ingest's 503, instead of hanging while the broker is away.
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
  });
  await producer.connect();
  return producer;
}
