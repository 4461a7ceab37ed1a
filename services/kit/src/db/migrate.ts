import type { Pool } from 'pg';

export interface Migration {
  /** Ordered, unique within the owner, e.g. `001_lead_scores`. */
  name: string;
  sql: string;
}

/**
 * Applies the owner's migrations that have not run yet, in name order, each in its own
 * transaction. An advisory lock keeps two instances from migrating at once.
 */
export async function migrate(pool: Pool, owner: string, migrations: Migration[]): Promise<string[]> {
  const client = await pool.connect();
  try {
    // One lock for every owner: services sharing a database (and schema) create the bookkeeping
    // table concurrently otherwise, and `create table if not exists` is not safe under that race.
    await client.query('select pg_advisory_lock(hashtext($1))', ['leadflow-migrate']);
    await client.query(
      `create table if not exists schema_migrations (
         owner text not null, name text not null, applied_at timestamptz not null default now(),
         primary key (owner, name))`,
    );
    const { rows } = await client.query<{ name: string }>('select name from schema_migrations where owner = $1', [owner]);
    const done = new Set(rows.map((r) => r.name));
    const applied: string[] = [];
    for (const migration of [...migrations].sort((a, b) => a.name.localeCompare(b.name))) {
      if (done.has(migration.name)) continue;
      await client.query('begin');
      try {
        await client.query(migration.sql);
        await client.query('insert into schema_migrations (owner, name) values ($1, $2)', [owner, migration.name]);
        await client.query('commit');
        applied.push(migration.name);
      } catch (error) {
        await client.query('rollback');
        throw error;
      }
    }
    return applied;
  } finally {
    await client.query('select pg_advisory_unlock(hashtext($1))', ['leadflow-migrate']).catch(() => undefined);
    client.release();
  }
}
