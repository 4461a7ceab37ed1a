import { applyPartitions, type ApplyOutcome, type PartitionBatch } from './applyRecords';

/**
 * How a consumer's partition batches reach Postgres. kafkajs hands one fetch's batches (one per
 * partition with records) to several `eachBatch` calls at once. Small ones — under live traffic most
 * hold a record or two, and a transaction costs a dozen round trips whatever it holds — are gathered
 * and applied together in one transaction; those that arrive while it runs wait for the next. A
 * batch alone, or any failure of a gathered transaction (which then changed nothing), is answered
 * with `undefined`: each batch then goes its own way, with the fault policy's retries and
 * record-by-record search, as large batches do. At most `alone` of those run at once, so the
 * consumer holds at most `alone + 1` connections.
 */
export class BatchGate {
  private waiting: { batch: PartitionBatch; settle: (outcome: ApplyOutcome | undefined) => void }[] = [];
  private flushing = false;
  private scheduled = false;
  private running = 0;
  private readonly queued: (() => void)[] = [];

  constructor(private readonly aloneAtOnce: number) {}

  /** Applies the batch with the others waiting, or answers `undefined` when it must go alone. */
  gather(batch: PartitionBatch): Promise<ApplyOutcome | undefined> {
    return new Promise((settle) => {
      this.waiting.push({ batch, settle });
      this.schedule();
    });
  }

  /** Runs `work` (a batch applied on its own) once fewer than `aloneAtOnce` others are running. */
  async alone<T>(work: () => Promise<T>): Promise<T> {
    if (this.running >= this.aloneAtOnce) await new Promise<void>((resolve) => this.queued.push(resolve));
    this.running += 1;
    try {
      return await work();
    } finally {
      this.running -= 1;
      this.queued.shift()?.();
    }
  }

  private schedule(): void {
    if (this.flushing || this.scheduled) return;
    this.scheduled = true;
    // the other calls of the same fetch start within this turn of the event loop
    setImmediate(() => void this.flush());
  }

  private async flush(): Promise<void> {
    this.scheduled = false;
    const gathered = this.waiting;
    this.waiting = [];
    if (gathered.length === 1) gathered[0]?.settle(undefined);
    else if (gathered.length > 1) {
      this.flushing = true;
      try {
        const outcomes = await applyPartitions(gathered.map((g) => g.batch));
        gathered.forEach((g, i) => g.settle(outcomes[i]));
      } catch {
        for (const g of gathered) g.settle(undefined);
      } finally {
        this.flushing = false;
      }
    }
    if (this.waiting.length > 0) this.schedule();
  }
}
