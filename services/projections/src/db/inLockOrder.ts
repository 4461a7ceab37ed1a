/**
 * Rows sorted by the key their upsert locks. Batches of different partitions are applied in
 * concurrent transactions; locking the same leads in the same order keeps two of them from
 * waiting on each other (a deadlock would only cost a retry of the batch, but costs it).
 */
export function inLockOrder<T>(rows: readonly T[], keyOf: (row: T) => string): T[] {
  return [...rows].sort((a, b) => {
    const ka = keyOf(a);
    const kb = keyOf(b);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });
}
