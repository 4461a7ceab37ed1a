import type { StateSizes } from './readStateSizes';

/** The figures of one run, as printed and as the closing JSON line. */
export interface BenchReport {
  events: number;
  leads: number;
  partitions: number;
  machine: { cores: number; cpu: string; node: string };
  produce: { ms: number; eventsPerSec: number };
  /** Sealing the generated events' personal fields as ingest would (data keys created, then cached), before producing. */
  seal: { ms: number; usPerEvent: number; open: { fields: number; ms: number; usPerField: number } };
  raw: { ms: number; eventsPerSec: number };
  /** Consume and decode Avro through the registry client, nothing else. */
  rawAvro: { ms: number; eventsPerSec: number };
  /** Consume and decode through the project's codec (Avro, then the zod contract), engagement topic only. */
  rawCodec: { ms: number; eventsPerSec: number };
  scoring: {
    ms: number;
    eventsPerSec: number;
    startUpMs: number;
    stitchedMs: number;
    stitchedBeforeStart: number;
    forwarded: number;
    applied: number;
  };
  /** The same work with scoring split in two processes (stitching | fold and tickers), in a run of its own. */
  split: { ms: number; eventsPerSec: number; startUpMs: number; stitchedMs: number; applied: number; machineUsPerEvent: number };
  /** CPU time per input event while scoring ran: this process, and the whole machine (broker, registry, Postgres included). */
  cpu: { processUsPerEvent: number; machineUsPerEvent: number };
  streamsPeer: { records: number; processMs: number; processAndCommitMs: number; withStartupMs: number; eventsPerSec: number };
  ratio: number;
  /** Scoring against consume + Avro decode. */
  ratioToDecode: number;
  /** Scoring against the Kafka Streams peer. */
  ratioToPeer: number;
  scoresPublished: number;
  scoresByCause: Record<string, number>;
  deadLettered: number;
  state: StateSizes;
}

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

/** A plain-text table of the run, and a line on what the scoring figure measures. */
export function formatBenchReport(r: BenchReport): string {
  const causes = Object.entries(r.scoresByCause).map(([cause, count]) => `${cause} ${n(count)}`).join(', ');
  const rows: [string, string][] = [
    ['events (N) / leads (L) / partitions per topic', `${n(r.events)} / ${n(r.leads)} / ${r.partitions}`],
    ['machine', `${r.machine.cores} cores, ${r.machine.cpu}, Node.js ${r.machine.node}`],
    ['seal personal fields as ingest does, per event', `${r.seal.usPerEvent.toFixed(1)} µs  (${s(r.seal.ms)} for all)`],
    ['open a sealed company as the fold does, per field', `${r.seal.open.usPerField.toFixed(1)} µs  (${n(r.seal.open.fields)} fields, keys cached after the first)`],
    ['produce: encode via registry + sendBatch, acks=all', `${n(r.produce.eventsPerSec)} events/s  (${s(r.produce.ms)})`],
    ['raw kafkajs consume: eachBatch, count only', `${n(r.raw.eventsPerSec)} events/s  (${s(r.raw.ms)})`],
    ['raw kafkajs consume + Avro decode', `${n(r.rawAvro.eventsPerSec)} events/s  (${s(r.rawAvro.ms)})`],
    ['raw consume + project codec (Avro + zod), engagement', `${n(r.rawCodec.eventsPerSec)} events/s  (${s(r.rawCodec.ms)})`],
    ['scoring: stitch + fold + state in Postgres + scores', `${n(r.scoring.eventsPerSec)} events/s  (${s(r.scoring.ms)})`],
    ['scoring split in two processes: stitching | fold + tickers', `${n(r.split.eventsPerSec)} events/s  (${s(r.split.ms)}; machine CPU ${n(r.split.machineUsPerEvent)} µs per event)`],
    ['Kafka Streams peer: decode + decayed sum, exactly-once', `${n(r.streamsPeer.eventsPerSec)} events/s  (${s(r.streamsPeer.processAndCommitMs)}, ${s(r.streamsPeer.withStartupMs)} with start-up)`],
    ['scoring / raw count', r.ratio.toFixed(4)],
    ['scoring / raw consume + decode', r.ratioToDecode.toFixed(4)],
    ['scoring / Kafka Streams peer', r.ratioToPeer.toFixed(4)],
    ['CPU per event while scoring: process / machine', `${n(r.cpu.processUsPerEvent)} µs / ${n(r.cpu.machineUsPerEvent)} µs`],
    ['stitching caught up with the input after', s(r.scoring.stitchedMs)],
    ['scoring start-up (excluded)', s(r.scoring.startUpMs)],
    ['scores published', `${n(r.scoresPublished)}${causes ? `  (${causes})` : ''}`],
    ['state per lead, pg_column_size avg / max', `${n(r.state.storedAvg)} / ${n(r.state.storedMax)} bytes  (${n(r.state.leads)} leads)`],
    ['state per lead, JSON text avg / max', `${n(r.state.textAvg)} / ${n(r.state.textMax)} bytes`],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  const table = [`${'measure'.padEnd(width)}  value`, `${'-'.repeat(width)}  ${'-'.repeat(32)}`, ...rows.map(([label, value]) => `${label.padEnd(width)}  ${value}`)];
  const note =
    `Scoring is timed from the moment startScoring reported started until the fold had applied every input event ` +
    `(${n(r.scoring.applied)} distinct ids in scoring_applied_events) and its group's offsets stored in consumer_offsets ` +
    `reached the ends of its topics: the input topics, whose events that name their lead it reads directly, and ` +
    `activity-by-lead, where stitching forwarded the rest (${n(r.scoring.forwarded)} offsets, transaction markers included); ` +
    `polled every 100 ms; ${n(r.scoring.stitchedBeforeStart)} input events were already stitched at that moment. ` +
    `The Kafka Streams peer folds the same records (engagement, conversation and activity-by-lead as keyed; identity ` +
    `re-keyed by lead through a repartition topic) into one decayed intent sum per lead with exactly_once_v2, one ` +
    `stream thread, timed from its first record until its commits closed.`;
  return [...table, '', note].join('\n');
}
