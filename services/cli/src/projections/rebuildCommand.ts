import { loadConfig } from '@leadflow/kit';
import { projectionsConfigSchema, rebuildProjections, type RebuildReport } from '@leadflow/projections';
import { progressMeter, type ProgressMeter, type ProgressStream } from '../rescore/progressMeter';
import { formatRebuildReport } from './formatRebuildReport';

export interface RebuildCommandOptions {
  /** Keep the replaced schema as `<schema>_old_<timestamp>`. */
  keepOld: boolean;
  /** Rebuild even when a partition's log no longer starts at offset 0. */
  allowTruncatedHistory?: boolean;
}

/** Where the command writes: the report to `out`, steps and progress to `err`. */
export interface RebuildIo {
  out(text: string): void;
  err: ProgressStream;
}

const processIo: RebuildIo = { out: (text) => process.stdout.write(`${text}\n`), err: process.stderr };

/**
 * `leadflow projections rebuild`: replays the projections' input topics into fresh tables with a
 * progress bar, swaps them in, and prints what was rebuilt. Ctrl-C stops it before the swap and
 * drops the half-built schema; the live tables stay as they were.
 */
export async function rebuildCommand(options: RebuildCommandOptions, env: NodeJS.ProcessEnv = process.env, io: RebuildIo = processIo): Promise<RebuildReport> {
  const config = loadConfig(projectionsConfigSchema, env);
  const interrupted = new AbortController();
  const onSignal = () => interrupted.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  let meter: ProgressMeter | undefined;
  let applied = 0;
  try {
    const report = await rebuildProjections(config, {
      keepOld: options.keepOld,
      allowTruncatedHistory: options.allowTruncatedHistory,
      signal: interrupted.signal,
      onProgress: (done, total) => {
        applied = done;
        (meter ??= progressMeter('events', total, io.err)).update(done);
      },
      onStep: (line) => {
        meter?.finish(applied);
        meter = undefined;
        io.err.write(`${line}\n`);
      },
    });
    io.out(formatRebuildReport(report));
    return report;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}
