import { Counter, type Registry } from 'prom-client';

/**
 * Counts failed publishes in `leadflow_producer_errors_total{service,kind}` (kind: the error's
 * name). The failure itself is handled where it happened: the outbox relay tries the sweep again.
 */
export function producerErrorCounter(registry: Registry, service: string): (error: unknown) => void {
  const errors = new Counter({ name: 'leadflow_producer_errors_total', help: 'publishes Kafka did not commit', labelNames: ['service', 'kind'], registers: [registry] });
  return (error) => errors.inc({ service, kind: error instanceof Error ? error.name : 'unknown' });
}
