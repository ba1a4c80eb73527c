import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import SQLite from 'better-sqlite3';
import { type Kysely, sql } from 'kysely';
import { type Migration, type MigrationProvider, Migrator } from 'kysely/migration';
import type { Db, Dialect } from './database.js';
import { migrations } from './migrations/index.js';

/**
 * The database side of backup and restore (src/ops): a consistent copy of a running database, and rows
 * copied table by table into another one — of either engine, so a SQLite backup restores into PostgreSQL.
 * Tables are read from the database itself, so a module's new table is in every backup without a list.
 */

// biome-ignore lint/suspicious/noExplicitAny: tables are discovered at run time, not typed
type AnyDb = Kysely<any>;
export type Row = Record<string, unknown>;

const MIGRATION_TABLES = new Set(['kysely_migration', 'kysely_migration_lock']);
const BATCH = 400;

/** The migration names this code knows, oldest first. */
export const knownMigrations = (): string[] => Object.keys(migrations).sort();

async function listTables(db: Db, dialect: Dialect): Promise<string[]> {
  const r =
    dialect === 'sqlite'
      ? await sql<{
          name: string;
        }>`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`.execute(db)
      : await sql<{
          name: string;
        }>`select tablename as name from pg_tables where schemaname = current_schema()`.execute(db);
  return r.rows.map((x) => x.name).sort();
}

/** The migrations applied to a database (empty when it was never migrated). */
export async function appliedMigrations(db: Db, dialect: Dialect): Promise<string[]> {
  if (!(await listTables(db, dialect)).includes('kysely_migration')) return [];
  const r = await sql<{ name: string }>`select name from kysely_migration order by name`.execute(db);
  return r.rows.map((x) => x.name);
}

/** Rows in the data tables (the migration bookkeeping aside): 0 means nothing would be lost. */
export async function countRows(db: Db, dialect: Dialect): Promise<number> {
  let n = 0;
  for (const t of await listTables(db, dialect)) {
    if (MIGRATION_TABLES.has(t)) continue;
    const r = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(t)}`.execute(db);
    n += Number(r.rows[0]?.n ?? 0);
  }
  return n;
}

/** SQLite: a consistent copy of the live database in one statement (readers and writers go on meanwhile). */
export async function vacuumInto(db: Db, path: string): Promise<void> {
  await sql`vacuum into ${path}`.execute(db);
}

/**
 * PostgreSQL: every table as JSON lines, all read in one REPEATABLE READ snapshot, so the copy is of one
 * instant (a registration and its ticket, never one without the other). `file(table)` names each output.
 */
export async function exportTables(db: Db, file: (table: string) => string): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  await db
    .transaction()
    .setIsolationLevel('repeatable read')
    .execute(async (trx) => {
      await sql`set transaction read only`.execute(trx);
      for (const t of await listTables(trx, 'postgres')) {
        if (MIGRATION_TABLES.has(t)) continue;
        const out = createWriteStream(file(t));
        let n = 0;
        for (let offset = 0; ; offset += 5000) {
          const r =
            await sql<Row>`select * from ${sql.table(t)} order by ctid limit 5000 offset ${offset}`.execute(
              trx,
            );
          for (const row of r.rows) if (!out.write(`${JSON.stringify(row)}\n`)) await once(out, 'drain');
          n += r.rows.length;
          if (r.rows.length < 5000) break;
        }
        out.end();
        await once(out, 'finish');
        counts[t] = n;
      }
    });
  return counts;
}

/** The rows of a SQLite backup file, table by table, in batches (read-only; the file is not changed). */
export function* sqliteFileRows(path: string, order: string[]): Generator<{ table: string; rows: Row[] }> {
  const src = new SQLite(path, { readonly: true });
  try {
    const present = new Set(
      (
        src
          .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite_%'`)
          .all() as {
          name: string;
        }[]
      ).map((t) => t.name),
    );
    for (const table of order) {
      if (MIGRATION_TABLES.has(table) || !present.has(table)) continue;
      let batch: Row[] = [];
      for (const row of src
        .prepare(`select * from "${table.replaceAll('"', '""')}"`)
        .iterate() as Iterable<Row>) {
        batch.push(row);
        if (batch.length === BATCH) {
          yield { table, rows: batch };
          batch = [];
        }
      }
      if (batch.length) yield { table, rows: batch };
    }
  } finally {
    src.close();
  }
}

class StaticProvider implements MigrationProvider {
  constructor(private names: Set<string>) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(Object.entries(migrations).filter(([name]) => this.names.has(name)));
  }
}

/** Brings an empty database to exactly the backup's schema, so its rows fit column for column. */
export async function migrateTo(db: Db, applied: string[]): Promise<void> {
  // Exactly the backup's migrations (not "all up to its last": one merged later with an earlier name is not
  // in the backup's tables); the rest run after the rows are in, as on any upgrade.
  const { error } = await new Migrator({
    db,
    provider: new StaticProvider(new Set(applied)),
  }).migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
}

/** The data tables, each after the tables it refers to (so rows can go in with foreign keys checked). */
export async function tableOrder(db: Db, dialect: Dialect): Promise<string[]> {
  const tables = (await listTables(db, dialect)).filter((t) => !MIGRATION_TABLES.has(t));
  const parents = new Map<string, Set<string>>(tables.map((t) => [t, new Set()]));
  if (dialect === 'postgres') {
    const r = await sql<{ child: string; parent: string }>`
      select c.relname as child, p.relname as parent from pg_constraint k
      join pg_class c on c.oid = k.conrelid join pg_class p on p.oid = k.confrelid
      where k.contype = 'f'`.execute(db);
    for (const { child, parent } of r.rows) if (child !== parent) parents.get(child)?.add(parent);
  } else {
    for (const t of tables) {
      const r = await sql<{ table: string }>`select "table" from pragma_foreign_key_list(${t})`.execute(db);
      for (const { table } of r.rows) if (table !== t) parents.get(t)?.add(table);
    }
  }
  const out: string[] = [];
  const seen = new Set<string>();
  const visit = (t: string) => {
    if (seen.has(t)) return;
    seen.add(t);
    for (const p of parents.get(t) ?? []) visit(p);
    out.push(t);
  };
  for (const t of tables) visit(t);
  return out;
}

/** Removes every table (restore --force): the restore then builds the schema again. */
export async function dropAllTables(db: Db, dialect: Dialect): Promise<void> {
  if (dialect === 'postgres') {
    for (const t of await listTables(db, dialect))
      await sql`drop table if exists ${sql.table(t)} cascade`.execute(db);
    // The job queue's own schema on PostgreSQL (pg-boss): part of Aula's database too.
    await sql`drop schema if exists pgboss cascade`.execute(db);
    return;
  }
  await sql`pragma foreign_keys = off`.execute(db);
  for (const t of await listTables(db, dialect)) await sql`drop table if exists ${sql.table(t)}`.execute(db);
  await sql`pragma foreign_keys = on`.execute(db);
}

/**
 * Copies batches of rows into a database at the backup's schema, in one transaction. Foreign keys are
 * not checked per row where the engine allows (a table may refer to itself): SQLite checks them all at
 * the end, PostgreSQL replays as a replica when the role may; tables come parents first (`tableOrder`).
 */
export async function importRows(
  db: Db,
  dialect: Dialect,
  batches: Iterable<{ table: string; rows: Row[] }> | AsyncIterable<{ table: string; rows: Row[] }>,
): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  if (dialect === 'sqlite') await sql`pragma foreign_keys = off`.execute(db);
  try {
    await db.transaction().execute(async (trx) => {
      if (dialect === 'postgres') {
        const su = await sql<{
          s: boolean;
        }>`select rolsuper as s from pg_roles where rolname = current_user`.execute(trx);
        if (su.rows[0]?.s) await sql`set local session_replication_role = replica`.execute(trx);
      }
      for await (const { table, rows } of batches) {
        await (trx as unknown as AnyDb).insertInto(table).values(rows).execute();
        counts[table] = (counts[table] ?? 0) + rows.length;
      }
      if (dialect === 'sqlite') {
        const bad = await sql<Row>`pragma foreign_key_check`.execute(trx);
        if (bad.rows.length) throw new Error(`the backup's rows break ${bad.rows.length} foreign keys`);
      }
    });
  } finally {
    if (dialect === 'sqlite') await sql`pragma foreign_keys = on`.execute(db);
  }
  return counts;
}
