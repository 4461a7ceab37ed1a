/** The records of one topic a rebuild applied. */
export interface TopicReplayed {
  topic: string;
  partitions: number;
  records: number;
}

/** One read-model table's rows in the replaced schema and in the rebuilt one, at the swap. */
export interface TableRows {
  table: string;
  /** Null when the replaced schema had no such table (or there was none). */
  before: number | null;
  /** Null when the rebuilt schema has no such table any more. */
  after: number | null;
}

/** What a rebuild did, as `leadflow projections rebuild` prints it. */
export interface RebuildReport {
  /** The live schema, now holding the rebuilt read models. */
  schema: string;
  /** The schema the rebuild replayed into before it took the live name. */
  rebuiltIn: string;
  /** The name the replaced schema got; null when there was no live schema yet. */
  replaced: string | null;
  oldKept: boolean;
  /** Schemas an interrupted rebuild had left, dropped first. */
  droppedLeftovers: string[];
  /** Running projections instances (members of the live group) when the rebuild started. */
  liveMembers: number;
  /** Records up to the end offsets read at the start: what the progress counted. */
  recordsAtStart: number;
  topics: TopicReplayed[];
  /** All records applied, including those that arrived while the rebuild ran. */
  records: number;
  /** Records the handler refused (the live consumer dead-lettered them; not sent again). */
  refused: number;
  /** Records the live consumer had applied in the replaced schema when the swap took the lock; null without one. */
  liveAppliedAtSwap: number | null;
  rows: TableRows[];
  ms: {
    /** Schema, migrations, and the replay consumer joining its group. */
    setup: number;
    /** From the first fetch to the end offsets read at the start. */
    replay: number;
    /** Waiting for the live batches in flight to commit. */
    lockWait: number;
    /** Under the lock: reading the end offsets again, applying the rest, counting, renaming. */
    heldOff: number;
    total: number;
  };
}
