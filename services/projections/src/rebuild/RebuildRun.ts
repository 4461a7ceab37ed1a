import type { Admin, Kafka } from 'kafkajs';
import type { Pool } from 'pg';
import type { AnyTopicCodec, Codecs, Logger } from '@leadflow/kit';
import type { ProjectionsConfig } from '../config';
import type { RebuildNames } from './rebuildNames';

export interface RebuildOptions {
  /** Keep the replaced schema as `<schema>_old_<timestamp>` instead of dropping it. */
  keepOld?: boolean;
  /** Replay even when a partition's log no longer starts at offset 0 (the rebuilt tables then miss what was deleted). */
  allowTruncatedHistory?: boolean;
  /** Records applied of those present at the start, every 100 ms while replaying. */
  onProgress?: (done: number, total: number) => void;
  /** A line for the operator as each step starts. */
  onStep?: (line: string) => void;
  signal?: AbortSignal;
  /** How long the replay may make no progress before it is given up (default 120 s). */
  stallMs?: number;
  now?: () => number;
  logger?: Logger;
}

/** Everything one rebuild works with, connected once. */
export interface RebuildRun {
  config: ProjectionsConfig;
  options: RebuildOptions;
  names: RebuildNames;
  /** The live consumer group: the rebuilt offsets are stored under its id. */
  liveGroup: string;
  /** The throwaway Kafka group the replay reads with. */
  replayGroup: string;
  db: Pool;
  kafka: Kafka;
  admin: Admin;
  codecs: Codecs;
  topics: AnyTopicCodec[];
  logger: Logger;
}
