/**
 * What a run has to undo, undone in reverse order of acquisition. Each step runs even when an
 * earlier one failed, so a failed run still stops the service and drops its database and topics.
 */
export class Teardown {
  private readonly steps: { label: string; undo: () => Promise<unknown> }[] = [];

  add(label: string, undo: () => Promise<unknown>): void {
    this.steps.push({ label, undo });
  }

  /** Runs every step; returns the steps that failed, with the reason. */
  async run(): Promise<string[]> {
    const failures: string[] = [];
    for (const { label, undo } of this.steps.reverse()) {
      try {
        await undo();
      } catch (error) {
        failures.push(`${label}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    this.steps.length = 0;
    return failures;
  }
}
