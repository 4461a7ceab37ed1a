import type { PoolClient } from 'pg';
import { quoted } from './rebuildNames';

/** Columns that record when a row was written, not what it says. */
const BOOKKEEPING_COLUMNS = new Set(['updated_at', 'applied_at']);
const WALL_CLOCK_DEFAULT = /\b(now|clock_timestamp|statement_timestamp|transaction_timestamp)\(\)|current_timestamp/i;

interface Column {
  name: string;
  type: string;
  defaultExpr: string | null;
}

/** Every table and view of a schema with its rows, by relation name. */
export type SchemaSnapshot = Record<string, Record<string, unknown>[]>;

/**
 * The contents of every table, view and materialized view of `schema`, found in the catalog so
 * new relations are covered without naming them: all columns except bookkeeping (`updated_at`,
 * wall-clock defaults, and those in `ignore`), ordered by primary key, else by every column.
 * Doubles are compared to 9 decimals, since a view's aggregate may sum rows in another order.
 * Take two snapshots in one transaction so that views using now() see the same moment.
 */
export async function snapshotSchema(tx: PoolClient, schema: string, ignore: Record<string, string[]> = {}): Promise<SchemaSnapshot> {
  const { rows: relations } = await tx.query<{ relname: string }>(
    `select c.relname from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = $1 and c.relkind in ('r', 'p', 'v', 'm') order by c.relname`,
    [schema],
  );
  const snapshot: SchemaSnapshot = {};
  for (const { relname } of relations) {
    const relation = `${quoted(schema)}.${quoted(relname)}`;
    const ignored = new Set(ignore[relname] ?? []);
    const columns = (await columnsOf(tx, relation)).filter(
      (c) => !BOOKKEEPING_COLUMNS.has(c.name) && !ignored.has(c.name) && !WALL_CLOCK_DEFAULT.test(c.defaultExpr ?? ''),
    );
    const select = columns.map((c) => (/^(double precision|real)$/.test(c.type) ? `round(${quoted(c.name)}::numeric, 9) as ${quoted(c.name)}` : quoted(c.name)));
    const order = [...(await primaryKeyOf(tx, relation)), ...columns.map((c) => `${quoted(c.name)}::text`)];
    const { rows } = await tx.query(`select ${select.join(', ') || 'null as nothing'} from ${relation}${order.length > 0 ? ` order by ${order.join(', ')}` : ''}`);
    snapshot[relname] = rows;
  }
  return snapshot;
}

async function columnsOf(tx: PoolClient, relation: string): Promise<Column[]> {
  const { rows } = await tx.query<{ name: string; type: string; default_expr: string | null }>(
    `select a.attname as name, format_type(a.atttypid, a.atttypmod) as type, pg_get_expr(d.adbin, d.adrelid) as default_expr
       from pg_attribute a left join pg_attrdef d on d.adrelid = a.attrelid and d.adnum = a.attnum
      where a.attrelid = $1::regclass and a.attnum > 0 and not a.attisdropped order by a.attnum`,
    [relation],
  );
  return rows.map((r) => ({ name: r.name, type: r.type, defaultExpr: r.default_expr }));
}

async function primaryKeyOf(tx: PoolClient, relation: string): Promise<string[]> {
  const { rows } = await tx.query<{ name: string }>(
    `select a.attname as name from pg_index i join pg_attribute a on a.attrelid = i.indrelid and a.attnum = any(i.indkey)
      where i.indrelid = $1::regclass and i.indisprimary order by array_position(i.indkey::int2[], a.attnum)`,
    [relation],
  );
  return rows.map((r) => quoted(r.name));
}
