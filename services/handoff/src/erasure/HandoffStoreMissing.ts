import { LeadflowError } from '@leadflow/kit';

/** The database has no hand-off event store or outbox yet: once hand-off has started against it, the erasure can run. */
export class HandoffStoreMissing extends LeadflowError {
  constructor() {
    super("hand-off's event store and outbox are not in this database yet: start hand-off once (it creates them), then erase again", { retriable: true });
    this.name = 'HandoffStoreMissing';
  }
}
