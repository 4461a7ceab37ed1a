import type { RebuildReport } from '@leadflow/projections';
import { plainTextTable } from '../rescore/plainTextTable';

const n = (value: number) => Math.round(value).toLocaleString('en-US');
const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const perSec = (count: number, ms: number) => (ms > 0 ? (count * 1000) / ms : 0);

/** What a rebuild did: records per topic, rows per table before and after the swap, and how long it took. */
export function formatRebuildReport(r: RebuildReport): string {
  const topics = plainTextTable(
    ['topic', 'partitions', 'records'],
    [...r.topics.map((t) => [t.topic, String(t.partitions), n(t.records)]), ['total', String(r.topics.reduce((sum, t) => sum + t.partitions, 0)), n(r.records)]],
  );
  const rows = plainTextTable(
    ['table', 'before', 'after'],
    r.rows.map((t) => [t.table, t.before === null ? '-' : n(t.before), t.after === null ? '-' : n(t.after)]),
  );
  const live =
    r.liveAppliedAtSwap === null
      ? `there was no ${r.schema} schema yet; the projections service will continue from the rebuilt offsets`
      : `the live consumer had applied ${n(r.liveAppliedAtSwap)} of these records when the swap took the lock; it continues from the rebuilt offsets`;
  const replaced =
    r.replaced === null ? undefined : r.oldKept ? `the replaced tables are kept in schema ${r.replaced}` : `the replaced schema ${r.replaced} was dropped (--keep-old keeps it)`;
  return [
    `rebuilt ${r.schema} in ${s(r.ms.total)}: ${n(r.records)} records replayed into ${r.rebuiltIn}, then swapped in`,
    `  setup ${s(r.ms.setup)}, replay of ${n(r.recordsAtStart)} records ${s(r.ms.replay)} (${n(perSec(r.recordsAtStart, r.ms.replay))} events/s), ` +
      `waiting for live batches ${s(r.ms.lockWait)}, live consumer held off ${s(r.ms.heldOff)}`,
    '',
    topics,
    '',
    rows,
    '',
    `projections instances running: ${r.liveMembers}; ${live}`,
    `records the handler refused: ${n(r.refused)} (the live consumer dead-lettered them; not sent again)`,
    ...(r.droppedLeftovers.length > 0 ? [`dropped schemas an interrupted rebuild had left: ${r.droppedLeftovers.join(', ')}`] : []),
    ...(replaced ? [replaced] : []),
  ].join('\n');
}
