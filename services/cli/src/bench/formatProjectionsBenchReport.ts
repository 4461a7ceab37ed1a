import type { TableRows } from '@leadflow/projections';

/** The figures of one projections run, as printed and as the closing JSON line. */
export interface ProjectionsBenchReport {
  events: number;
  leads: number;
  topics: number;
  partitions: number;
  machine: { cores: number; cpu: string; node: string };
  produce: { ms: number; eventsPerSec: number };
  raw: { ms: number; eventsPerSec: number };
  /** The same consumer decoding every record's Avro through the registry client. */
  rawDecode: { ms: number; eventsPerSec: number };
  rebuild: {
    ms: number;
    eventsPerSec: number;
    setupMs: number;
    lockWaitMs: number;
    heldOffMs: number;
    totalMs: number;
    records: number;
    refused: number;
  };
  ratio: number;
  /** Rebuild against the raw consume that decodes. */
  ratioToDecode: number;
  rows: TableRows[];
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A plain-text table of the run, and a line on what the rebuild figure measures. */
export function formatProjectionsBenchReport(r: ProjectionsBenchReport): string {
  const rows: [string, string][] = [
    ['records (N) / leads / topics / partitions', `${n(r.events)} / ${n(r.leads)} / ${r.topics} / ${r.partitions}`],
    ['machine', `${r.machine.cores} cores, ${r.machine.cpu}, Node.js ${r.machine.node}`],
    ['produce: encode via registry + sendBatch, acks=all', `${n(r.produce.eventsPerSec)} events/s  (${s(r.produce.ms)})`],
    ['raw kafkajs consume: eachBatch, count only', `${n(r.raw.eventsPerSec)} events/s  (${s(r.raw.ms)})`],
    ['raw kafkajs consume + Avro decode', `${n(r.rawDecode.eventsPerSec)} events/s  (${s(r.rawDecode.ms)})`],
    ['rebuild: replay into a fresh schema', `${n(r.rebuild.eventsPerSec)} events/s  (${s(r.rebuild.ms)})`],
    ['rebuild / raw count; / raw consume + decode', `${r.ratio.toFixed(4)}; ${r.ratioToDecode.toFixed(4)}`],
    ['rebuild set-up: schema, migrations, group join (excluded)', s(r.rebuild.setupMs)],
    ['swap: lock wait / live consumer held off', `${s(r.rebuild.lockWaitMs)} / ${s(r.rebuild.heldOffMs)}`],
    ['rebuild end to end, set-up and swap included', `${s(r.rebuild.totalMs)}  (${n(r.rebuild.records)} records, ${n(r.rebuild.refused)} refused)`],
    ...r.rows.map((t): [string, string] => [`rows in ${t.table}`, n(t.after ?? 0)]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const table = [`${'measure'.padEnd(width)}  value`, `${'-'.repeat(width)}  ${'-'.repeat(32)}`, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`)];
  const note =
    'The rebuild is timed from the moment its throwaway consumer group joined until the offsets it stores in ' +
    'consumer_offsets, with every batch, reached the end offsets read at its start, polled every 100 ms; each batch is ' +
    'one Postgres transaction through the live projection handler. The raw consumers are timed from their join to their last message.';
  return [...table, '', note].join('\n');
}
