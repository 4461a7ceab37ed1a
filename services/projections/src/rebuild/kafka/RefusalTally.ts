import type { PoolClient } from 'pg';
import { DeadLetterPublisher, type RefusedRecord } from '@leadflow/kit';

/**
 * Counts the records a rebuild's handler refuses instead of publishing them: the live consumer
 * dead-lettered them when it met them, and a second copy on the dead-letter topic would be re-driven twice.
 */
export class RefusalTally extends DeadLetterPublisher {
  refused = 0;

  override async publish(_tx: PoolClient, refused: RefusedRecord[]): Promise<void> {
    this.refused += refused.length;
  }
}
