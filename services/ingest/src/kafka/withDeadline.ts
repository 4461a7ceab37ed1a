import { LeadflowError } from '@leadflow/kit';

/** Kafka did not acknowledge within the deadline; whether it stored the records is unknown, so a retry is safe only with the same event ids. */
export class AckTimeoutError extends LeadflowError {
  constructor(readonly deadlineMs: number) {
    super(`Kafka did not acknowledge within ${deadlineMs} ms`, { retriable: true });
    this.name = 'AckTimeoutError';
  }
}

/** Waits for `work` at most `deadlineMs`; the work itself goes on, its outcome no longer awaited. */
export function withDeadline<T>(work: Promise<T>, deadlineMs: number): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    timer = setTimeout(() => reject(new AckTimeoutError(deadlineMs)), deadlineMs);
  });
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}
