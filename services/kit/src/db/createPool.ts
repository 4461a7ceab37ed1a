import { Client, Pool } from 'pg';

export interface PoolOptions {
  max?: number;
  schema?: string;
  /** Waiting for a connection fails after this long. */
  connectTimeoutMs?: number;
  /** The server cancels a statement running longer; the client gives up on an answer a little later. */
  statementTimeoutMs?: number;
  /** The server ends a session idle this long inside a transaction, releasing its locks. */
  idleInTransactionTimeoutMs?: number;
}

/** Bounded waits by default: a half-open connection must never hang a batch that holds a lock. */
const DEFAULT_WAITS = { connectTimeoutMs: 10_000, statementTimeoutMs: 30_000, idleInTransactionTimeoutMs: 60_000 };

/**
 * A Postgres pool; the database is created first when it does not exist yet. With `schema`, the
 * schema is created too and every connection resolves unqualified names in it first.
 */
export async function createPool(databaseUrl: string, options: PoolOptions = {}): Promise<Pool> {
  await ensureDatabase(databaseUrl);
  if (options.schema) await ensureSchema(databaseUrl, options.schema);
  const waits = { ...DEFAULT_WAITS, ...definedOnly(options) };
  const pool = new Pool({
    connectionString: databaseUrl,
    max: options.max ?? 5,
    connectionTimeoutMillis: waits.connectTimeoutMs,
    statement_timeout: waits.statementTimeoutMs,
    // the server's timeout cannot fire on a link that went silent: the client stops waiting too
    query_timeout: waits.statementTimeoutMs + 2_000,
    idle_in_transaction_session_timeout: waits.idleInTransactionTimeoutMs,
    keepAlive: true,
    ...(options.schema ? { options: `-c search_path=${quoteIdent(options.schema)},public` } : {}),
  });
  // An idle connection that dies (server restart, database dropped) must not crash the process;
  // the next query gets a fresh connection or a retriable error.
  pool.on('error', () => undefined);
  return pool;
}

const definedOnly = (options: PoolOptions): Partial<typeof DEFAULT_WAITS> =>
  Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined));

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
