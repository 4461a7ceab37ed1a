import { LeadflowError } from '@leadflow/kit';

/** A rebuild that cannot go on: refused at the start, stalled, or interrupted. Nothing was swapped. */
export class RebuildError extends LeadflowError {
  constructor(message: string, options: { retriable?: boolean; cause?: unknown } = {}) {
    super(message, options);
    this.name = 'RebuildError';
  }
}
