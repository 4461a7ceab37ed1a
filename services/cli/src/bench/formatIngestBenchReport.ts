/** One request size, driven over HTTP. */
export interface IngestPhase {
  eventsPerRequest: number;
  requests: number;
  acceptedEvents: number;
  eventsPerSec: number;
  requestsPerSec: number;
  p50Ms: number;
  p99Ms: number;
  /** Accepted events/s over the raw produce's events/s. */
  ratio: number;
  /** CPU time of the ingest process (and its workers) per request (user + system), from /proc. */
  ingestCpuMsPerRequest: number;
  /** CPU time of the load generator per request. */
  loadCpuMsPerRequest: number;
  /** CPU time of the local stack's broker per request, when it could be read. */
  brokerCpuMsPerRequest?: number;
  /**
   * Sealing's CPU (ingest's `sealPersonalFields`, timed in the bench process over the same batches):
   * per event of this row (page views: no personal field, only the check), and per event of the same
   * number of questions (one personal text each); each also as a share of ingest's CPU per event of the row.
   */
  sealing: { usPerEvent: number; shareOfIngestCpu: number; usPerPersonalEvent: number; personalShareOfIngestCpu: number };
  statuses: Record<string, number>;
}

export interface IngestBenchReport {
  events: number;
  concurrency: number;
  /** Ingest processes sharing the listening socket. */
  workers: number;
  machine: { cores: number; cpu: string; node: string };
  raw: { ms: number; eventsPerSec: number };
  phases: IngestPhase[];
  /** Records on the engagement topic at the end: the raw baseline, the warm-ups and every phase. */
  stored: number;
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const percent = (share: number) => `${(share * 100).toFixed(1)} %`;

/** A plain-text table: one row per request size beside the raw produce. */
export function formatIngestBenchReport(r: IngestBenchReport): string {
  const header = ['path', 'events/s', 'requests/s', 'p50 ms', 'p99 ms', 'ratio to raw', 'CPU ms/request: ingest', 'load', 'broker', 'sealing µs/event (% of ingest CPU)', 'sealing µs/question (%)'];
  const rows = [
    ['raw kafkajs produce, 8 × sendBatch of 100', n(r.raw.eventsPerSec), '', '', '', '1.00', '', '', '', '', ''],
    ...r.phases.map((p) => [
      `ingest, ${p.eventsPerRequest} event${p.eventsPerRequest === 1 ? '' : 's'} per request`,
      n(p.eventsPerSec),
      n(p.requestsPerSec),
      p.p50Ms.toFixed(1),
      p.p99Ms.toFixed(1),
      p.ratio.toFixed(2),
      p.ingestCpuMsPerRequest.toFixed(2),
      p.loadCpuMsPerRequest.toFixed(2),
      p.brokerCpuMsPerRequest?.toFixed(2) ?? '',
      `${p.sealing.usPerEvent.toFixed(1)} (${percent(p.sealing.shareOfIngestCpu)})`,
      `${p.sealing.usPerPersonalEvent.toFixed(1)} (${percent(p.sealing.personalShareOfIngestCpu)})`,
    ]),
  ];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number))).join('  ');
  return [
    `${n(r.events)} events per row, ${r.concurrency} keep-alive clients, ${r.workers} ingest process${r.workers === 1 ? '' : 'es'}; ${r.machine.cores} cores, ${r.machine.cpu}, Node.js ${r.machine.node}`,
    '',
    line(header),
    widths.map((w) => '-'.repeat(w)).join('  '),
    ...rows.map(line),
  ].join('\n');
}
