import { Partitioners, type Kafka, type Producer } from 'kafkajs';

/**
 * The idempotent producer (acks from all in-sync replicas, no duplicates from its own retries) with
 * a short retry budget of its own: a request waits at most its acknowledgement deadline anyway,
 * and a send that can no longer be answered should fail, freeing what it holds, not retry on.
 */
export async function createIngestProducer(kafka: Kafka): Promise<Producer> {
  const producer = kafka.producer({
    idempotent: true,
    maxInFlightRequests: 1,
    allowAutoTopicCreation: false,
    createPartitioner: Partitioners.DefaultPartitioner,
    retry: { initialRetryTime: 100, maxRetryTime: 1000, retries: 3 },
  });
  await producer.connect();
  return producer;
}
