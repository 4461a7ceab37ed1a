import type { PoolClient } from 'pg';
import type { RebuildNames } from '../rebuildNames';
import { quoted } from '../rebuildNames';
import { schemaExists } from './schemaExists';

/**
 * Inside the caller's transaction: the live schema becomes `old` and the rebuilt one takes its
 * name. Returns whether there was a live schema to replace.
 */
export async function swapSchemas(tx: PoolClient, names: RebuildNames): Promise<boolean> {
  const replaced = await schemaExists(tx, names.live);
  if (replaced) await tx.query(`alter schema ${quoted(names.live)} rename to ${quoted(names.old)}`);
  await tx.query(`alter schema ${quoted(names.rebuild)} rename to ${quoted(names.live)}`);
  return replaced;
}
