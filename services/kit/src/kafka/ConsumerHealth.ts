/** A partition a consumer stopped on, and why. */
export interface HaltedPartition {
  topic: string;
  partition: number;
  offset: string;
  reason: string;
}

/**
 * What one consumer group knows about its own health: since when it has been waiting out a
 * transient fault, which partitions it halted, and whether kafkajs crashed it. Readiness turns
 * false when a transient fault lasted longer than `unreadyAfterMs`, a partition is halted, or the
 * consumer is restarting after a crash.
 */
export class ConsumerHealth {
  private transientSince: number | undefined;
  private lastTransient = '';
  private crash: string | undefined;
  private readonly halted = new Map<string, HaltedPartition>();

  constructor(
    readonly groupId: string,
    private readonly unreadyAfterMs: number,
  ) {}

  transient(error: Error, now: number): void {
    this.transientSince ??= now;
    this.lastTransient = error.message;
  }

  recovered(): void {
    this.transientSince = undefined;
  }

  crashed(error: Error): void {
    this.crash = `${error.name}: ${error.message}`;
  }

  joined(): void {
    this.crash = undefined;
  }

  halt(partition: HaltedPartition): void {
    this.halted.set(`${partition.topic}/${partition.partition}`, partition);
  }

  isHalted(topic: string, partition: number): boolean {
    return this.halted.has(`${topic}/${partition}`);
  }

  haltedPartitions(): HaltedPartition[] {
    return [...this.halted.values()];
  }

  /** Why this group is not ready; empty when it is. */
  problems(now: number): string[] {
    const problems: string[] = [];
    if (this.transientSince !== undefined && now - this.transientSince >= this.unreadyAfterMs) {
      problems.push(`${this.groupId}: waiting ${Math.round((now - this.transientSince) / 1000)} s for a dependency: ${this.lastTransient}`);
    }
    if (this.crash) problems.push(`${this.groupId}: consumer restarting after a crash: ${this.crash}`);
    for (const h of this.halted.values()) {
      problems.push(`${this.groupId}: halted ${h.topic}/${h.partition} at offset ${h.offset}: ${h.reason}`);
    }
    return problems;
  }
}
