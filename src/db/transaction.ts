import type { Transaction } from 'kysely';
import type { Db } from './database.js';
import type { DB } from './schema.js';

/** A query executor: the database or an open transaction (repositories take either). */
export type Tx = Transaction<DB>;

/**
 * The one way to open a transaction. Services compose several repository calls atomically with it
 * (`inTransaction(ctx.db, (trx) => …)`) without importing Kysely; a nested call on an open
 * transaction joins it instead of failing, because Kysely has no nested transactions.
 */
export function inTransaction<T>(db: Db, fn: (trx: Tx) => Promise<T>): Promise<T> {
  if (db.isTransaction) return fn(db as Tx);
  return db.transaction().execute(fn);
}
