import { Counter, Gauge, type Registry } from 'prom-client';
import type { InflightBudget } from '../admission/InflightBudget';

/** Ingest's Prometheus metrics, under the names the team agreed on. */
export class IngestMetrics {
  readonly events: Counter<'source' | 'outcome' | 'reason'>;
  readonly requests: Counter<'route' | 'status'>;
  readonly producerErrors: Counter<'service' | 'kind'>;

  constructor(registry: Registry, budget: InflightBudget) {
    this.events = new Counter({
      name: 'leadflow_ingest_events_total',
      help: 'Events posted, by source and outcome (accepted, or refused with the reason)',
      labelNames: ['source', 'outcome', 'reason'],
      registers: [registry],
    });
    this.requests = new Counter({
      name: 'leadflow_ingest_requests_total',
      help: 'HTTP requests answered, by route and status',
      labelNames: ['route', 'status'],
      registers: [registry],
    });
    this.producerErrors = new Counter({
      name: 'leadflow_producer_errors_total',
      help: 'Kafka sends that failed or were not acknowledged in time, by kind',
      labelNames: ['service', 'kind'],
      registers: [registry],
    });
    new Gauge({
      name: 'leadflow_ingest_inflight_bytes',
      help: 'Request bytes held now: bodies being read or validated, and records not yet acknowledged by Kafka',
      registers: [registry],
      collect() {
        this.set(budget.bytes);
      },
    });
    new Gauge({
      name: 'leadflow_ingest_inflight_events',
      help: 'Events held now, validated and not yet acknowledged by Kafka',
      registers: [registry],
      collect() {
        this.set(budget.events);
      },
    });
  }
}
