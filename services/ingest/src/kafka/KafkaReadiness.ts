import type { Admin } from 'kafkajs';
import { withDeadline } from './withDeadline';

/**
 * Whether Kafka answers: a cheap metadata round trip every `intervalMs`, bounded by `deadlineMs`,
 * and any send that was not acknowledged in time, mark ingest unready until a probe succeeds.
 * While unready, requests are answered 503 before their bodies are read.
 */
export class KafkaReadiness {
  private reachable = true;
  private probing = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly admin: Admin,
    private readonly intervalMs: number,
    private readonly deadlineMs: number,
    private readonly onChange: (reachable: boolean) => void = () => undefined,
  ) {}

  get isReachable(): boolean {
    return this.reachable;
  }

  start(): void {
    this.timer = setInterval(() => void this.probe(), this.intervalMs);
    this.timer.unref();
  }

  stop(): void {
    clearInterval(this.timer);
  }

  /** A send failed or timed out: stop admitting requests until Kafka answers a probe again. */
  reportFailure(): void {
    this.set(false);
    void this.probe();
  }

  async probe(): Promise<void> {
    if (this.probing) return;
    this.probing = true;
    try {
      await withDeadline(this.admin.describeCluster(), this.deadlineMs);
      this.set(true);
    } catch {
      this.set(false);
    } finally {
      this.probing = false;
    }
  }

  private set(reachable: boolean): void {
    if (reachable === this.reachable) return;
    this.reachable = reachable;
    this.onChange(reachable);
  }
}
