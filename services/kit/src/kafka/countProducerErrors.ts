import type { Producer } from 'kafkajs';
import { Counter, type Registry } from 'prom-client';

/**
 * Counts the producer's failed sends in `leadflow_producer_errors_total{service,kind}` (kind: the
 * error's name) and passes the failure on unchanged: the batch that sent retries or halts as its
 * fault class says.
 */
export function countProducerErrors(producer: Producer, registry: Registry, service: string): Producer {
  const errors = new Counter({ name: 'leadflow_producer_errors_total', help: 'sends Kafka did not acknowledge', labelNames: ['service', 'kind'], registers: [registry] });
  const counted =
    <A extends unknown[], R>(send: (...args: A) => Promise<R>) =>
    async (...args: A): Promise<R> => {
      try {
        return await send(...args);
      } catch (error) {
        errors.inc({ service, kind: error instanceof Error ? error.name : 'unknown' });
        throw error;
      }
    };
  return { ...producer, send: counted(producer.send.bind(producer)), sendBatch: counted(producer.sendBatch.bind(producer)) };
}
