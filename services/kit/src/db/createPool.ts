import { Client, Pool } from 'pg';

/**
 * A Postgres pool; the database is created first when it does not exist yet. With `schema`, the
 * schema is created too and every connection resolves unqualified names in it first.
 */
export async function createPool(databaseUrl: string, options: { max?: number; schema?: string } = {}): Promise<Pool> {
  await ensureDatabase(databaseUrl);
  if (options.schema) await ensureSchema(databaseUrl, options.schema);
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 5,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  });
  // An idle connection that dies (server restart, database dropped) must not crash the process;
  // the next query gets a fresh connection or a retriable error.
  pool.on('error', () => undefined);
  return pool;
}

const quoteIdent = (name: string): string => `"${name.replace(/"/g, '""')}"`;

async function ensureSchema(databaseUrl: string, schema: string): Promise<void> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query(`create schema if not exists ${quoteIdent(schema)}`);
  } catch (error) {
    if ((error as { code?: string }).code !== '23505') throw error; // created concurrently
  } finally {
    await client.end();
  }
}

export async function ensureDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  if (!name || name === 'postgres') return;
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    const { rowCount } = await admin.query('select 1 from pg_database where datname = $1', [name]);
    if (!rowCount) {
      await admin.query(`create database "${name.replace(/"/g, '""')}"`).catch((error: { code?: string }) => {
        if (error.code !== '42P04') throw error; // created concurrently by another service
      });
    }
  } finally {
    await admin.end();
  }
}

/** Drops a database (tests create one per run and drop it afterwards). */
export async function dropDatabase(databaseUrl: string): Promise<void> {
  const url = new URL(databaseUrl);
  const name = decodeURIComponent(url.pathname.replace(/^\//, ''));
  url.pathname = '/postgres';
  const admin = new Client({ connectionString: url.toString() });
  await admin.connect();
  try {
    await admin.query(`drop database if exists "${name.replace(/"/g, '""')}" with (force)`);
  } finally {
    await admin.end();
  }
}
