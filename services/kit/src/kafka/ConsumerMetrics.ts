import { Counter, Gauge, Histogram, type Registry } from 'prom-client';

/** The consumer metrics every service exposes, with the names the team agreed on. */
export class ConsumerMetrics {
  readonly lag: Gauge<'service' | 'group' | 'topic' | 'partition'>;
  readonly batchDuration: Histogram<'service' | 'group' | 'topic'>;
  readonly records: Counter<'service' | 'group' | 'topic' | 'outcome'>;
  readonly transientFailures: Counter<'service' | 'group' | 'kind'>;
  readonly haltedPartitions: Gauge<'service' | 'group'>;

  constructor(
    registry: Registry,
    readonly service: string,
  ) {
    const registers = [registry];
    this.lag = new Gauge({ name: 'leadflow_consumer_lag', help: 'records behind the log end', labelNames: ['service', 'group', 'topic', 'partition'], registers });
    this.batchDuration = new Histogram({
      name: 'leadflow_consumer_batch_duration_seconds',
      help: 'time to apply one batch, retries included',
      labelNames: ['service', 'group', 'topic'],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
      registers,
    });
    this.records = new Counter({ name: 'leadflow_consumer_records_total', help: 'records applied or dead-lettered', labelNames: ['service', 'group', 'topic', 'outcome'], registers });
    this.transientFailures = new Counter({
      name: 'leadflow_consumer_transient_failures_total',
      help: 'batch attempts that failed for a transient reason and were retried',
      labelNames: ['service', 'group', 'kind'],
      registers,
    });
    this.haltedPartitions = new Gauge({ name: 'leadflow_consumer_halted_partitions', help: 'partitions stopped on a record the handler fails on', labelNames: ['service', 'group'], registers });
  }
}
