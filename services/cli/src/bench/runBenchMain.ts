/** A finished benchmark: its table, its figures for scripts, and what makes them untrustworthy. */
export interface BenchOutcome {
  table: string;
  figures: Record<string, unknown>;
  problems: string[];
}

/**
 * Runs a benchmark as a command: Ctrl-C or SIGTERM aborts it (it cleans up after itself), the
 * table and one JSON line are printed, and the exit code says whether the figures can be trusted.
 */
export function runBenchMain(name: string, run: (signal: AbortSignal) => Promise<BenchOutcome>): void {
  const interrupted = new AbortController();
  const onSignal = () => interrupted.abort();
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
  run(interrupted.signal)
    .then(
      ({ table, figures, problems }) => {
        console.log(`\n${table}\n`);
        for (const problem of problems) console.error(`bench:${name}: ${problem}`);
        console.log(JSON.stringify({ bench: name, ...figures }));
        process.exitCode = problems.length === 0 ? 0 : 1;
      },
      (error: unknown) => {
        console.error(`bench:${name} failed: ${error instanceof Error ? error.message : String(error)}`);
        process.exitCode = 1;
      },
    )
    .finally(() => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    });
}
