import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import type { Database as DbConfig } from '../config.js';
import { startCheckpointer } from './checkpointer.js';
import type { DB } from './schema.js';

// int8 (our epoch-millisecond columns and COUNT results) as JS numbers: every value we store fits in 2^53.
pg.types.setTypeParser(20, (v) => Number(v));

export type Db = Kysely<DB>;
export type Dialect = DbConfig['kind'];

interface DbHandle {
  db: Db;
  dialect: Dialect;
  close(): Promise<void>;
}

/**
 * Kysely prepares every SQLite statement anew; preparing costs more than running a small insert.
 * Statements are reused per SQL text (bounded). Kysely's SQLite driver runs one query at a time on
 * its single connection, so a cached statement is never used by two queries at once.
 */
function cachingPrepare(sqlite: SQLite.Database) {
  const cache = new Map<string, SQLite.Statement>();
  return {
    close: () => sqlite.close(),
    prepare(sql: string) {
      let stmt = cache.get(sql);
      if (!stmt) {
        stmt = sqlite.prepare(sql);
        if (cache.size >= 500) cache.delete(cache.keys().next().value!);
        cache.set(sql, stmt);
      }
      return stmt;
    },
  };
}

export function createDb(config: DbConfig, opts: { poolSize?: number } = {}): DbHandle {
  if (config.kind === 'sqlite') {
    if (config.path !== ':memory:') mkdirSync(dirname(config.path), { recursive: true });
    const sqlite = new SQLite(config.path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    const db = new Kysely<DB>({ dialect: new SqliteDialect({ database: cachingPrepare(sqlite) }) });
    if (config.path === ':memory:') return { db, dialect: 'sqlite', close: () => db.destroy() };
    // Checkpoints off the request path (checkpointer.ts); back to SQLite's own if the worker fails.
    sqlite.pragma('wal_autocheckpoint = 0');
    const checkpointer = startCheckpointer(config.path, () => {
      if (sqlite.open) sqlite.pragma('wal_autocheckpoint = 1000');
    });
    return {
      db,
      dialect: 'sqlite',
      close: async () => {
        await checkpointer.stop();
        await db.destroy();
      },
    };
  }
  const pool = new pg.Pool({ connectionString: config.url, max: opts.poolSize ?? 10 });
  // An idle client's error (server restart, database dropped) must not crash the process; the pool
  // discards that client and the next query opens a new one.
  pool.on('error', () => {});
  const db = new Kysely<DB>({ dialect: new PostgresDialect({ pool }) });
  return { db, dialect: 'postgres', close: () => db.destroy() };
}

/** True when a database error is a unique-constraint violation, on either engine. */
export function isUniqueViolation(err: unknown): boolean {
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string };
  return (
    e.code === '23505' || e.code === 'SQLITE_CONSTRAINT_UNIQUE' || e.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
  );
}
