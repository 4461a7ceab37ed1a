import type { Pool } from 'pg';
import { inTransaction } from '@leadflow/kit';

export interface FoldStart {
  /** The fold's group id and stitching's, with the run's namespace. */
  foldGroup: string;
  stitchingGroup: string;
  /** The raw activity topics' names, and activity-by-lead's. */
  rawTopics: string[];
  activityTopic: string;
}

/**
 * Once per fold group, before any consumer of scoring starts: where the fold begins reading the raw
 * activity topics. A fold that had already applied activity-by-lead ran before it read the raw
 * topics, when stitching forwarded every event: it starts each raw partition where stitching
 * stands, since everything before that reached it forwarded. A new installation starts at the
 * beginning. Returns how many partitions' positions were carried over.
 */
export async function startFoldAtStitchedOffsets(pool: Pool, start: FoldStart): Promise<number> {
  return inTransaction(pool, async (tx) => {
    const first = await tx.query('insert into scoring_fold_raw_start (group_id) values ($1) on conflict do nothing', [start.foldGroup]);
    if (first.rowCount !== 1) return 0;
    const { rowCount } = await tx.query(
      `insert into consumer_offsets (group_id, topic, partition, next_offset)
       select $1, topic, partition, next_offset from consumer_offsets
       where group_id = $2 and topic = any($3::text[])
         and exists (select 1 from consumer_offsets where group_id = $1 and topic = $4)
       on conflict do nothing`,
      [start.foldGroup, start.stitchingGroup, start.rawTopics, start.activityTopic],
    );
    return rowCount ?? 0;
  });
}
