import type { Insertable, Kysely } from 'kysely';
import type { Db } from './database.js';
import type { DB } from './schema.js';
import type { Tx } from './transaction.js';

type Column<T extends keyof DB> = keyof DB[T] & string;
/** Any table of any columns: what the query below is checked against. */
type Untyped = Kysely<Record<string, Record<string, unknown>>>;

/**
 * Creates a row or, when one with the same `key` exists, overwrites it with the new values: every
 * column given except the key and the `insertOnly` ones (an id that must not change). One
 * `INSERT … ON CONFLICT … DO UPDATE`, atomic and the same on SQLite and PostgreSQL.
 */
export function upsert<T extends keyof DB & string>(
  db: Db | Tx,
  table: T,
  row: Insertable<DB[T]>,
  key: Column<T>[],
  insertOnly: Column<T>[] = [],
) {
  const kept = new Set<string>([...key, ...insertOnly]);
  const changes = Object.fromEntries(Object.entries(row).filter(([column]) => !kept.has(column)));
  // Kysely cannot check a query on a table chosen by a type parameter; the signature keeps callers checked.
  return (db as unknown as Untyped)
    .insertInto(table as string)
    .values(row as Record<string, unknown>)
    .onConflict((oc) => oc.columns(key).doUpdateSet(changes))
    .execute();
}
