import type { Pool } from 'pg';
import { inTransaction, type Migration, type Outbox, type OutboxRecord } from '@leadflow/kit';
import type { StoredDeadLetter } from './readDeadLetters';

/** Which dead letters were re-driven: each goes back at most once, however often the command runs. */
export const deadLetterRedrivesMigration: Migration = {
  name: '001_dead_letter_redrives',
  sql: `create table dead_letter_redrives (
          dlq_topic text not null,
          dlq_partition int not null,
          dlq_offset bigint not null,
          original_topic text not null,
          redriven_at timestamptz not null default now(),
          primary key (dlq_topic, dlq_partition, dlq_offset))`,
};

/** The header a re-driven record carries: where on the dead-letter topic it came from. */
export const REDRIVEN_FROM_HEADER = 'leadflow-redriven-from';

export interface RedriveResult {
  /** Letters sent back (or, in a dry run, that would be). */
  sent: StoredDeadLetter[];
  /** Letters re-driven by an earlier run, left alone. */
  alreadyRedriven: number;
}

/**
 * Sends dead letters back to their original topics with their original key, bytes and headers,
 * plus a provenance header. Each letter is claimed in Postgres in the transaction that writes it to
 * the outbox, to be relayed once that committed (see `drainOutbox`): re-driving twice sends once,
 * and nothing is sent that was not claimed.
 */
export async function redriveDeadLetters(
  deps: { pool: Pool; outbox: Outbox; dlqTopic: string },
  letters: StoredDeadLetter[],
  options: { dryRun: boolean },
): Promise<RedriveResult> {
  return inTransaction(deps.pool, async (tx) => {
    const sent: StoredDeadLetter[] = [];
    for (const stored of letters) {
      const { rowCount } = await tx.query(
        `insert into dead_letter_redrives (dlq_topic, dlq_partition, dlq_offset, original_topic) values ($1, $2, $3, $4)
         on conflict do nothing`,
        [deps.dlqTopic, stored.partition, stored.offset, stored.letter.originalTopic],
      );
      if (rowCount) sent.push(stored);
    }
    if (options.dryRun) {
      await tx.query('rollback; begin');
      return { sent, alreadyRedriven: letters.length - sent.length };
    }
    const records: OutboxRecord[] = sent.map(({ partition, offset, letter }) => ({
      topic: letter.originalTopic,
      key: letter.key === undefined ? null : Buffer.from(letter.key),
      value: letter.value === undefined ? null : Buffer.from(letter.value),
      headers: { ...Object.fromEntries(letter.headers.map((h) => [h.key, h.value])), [REDRIVEN_FROM_HEADER]: `${deps.dlqTopic}/${partition}/${offset}` },
    }));
    await deps.outbox.writeEncoded(tx, records);
    return { sent, alreadyRedriven: letters.length - sent.length };
  });
}
