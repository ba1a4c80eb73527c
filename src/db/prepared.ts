import { type Compilable, CompiledQuery, type Kysely } from 'kysely';
import type { DB } from './schema.js';

/** The app's database or a transaction of it (a Transaction is a Kysely). */
type AnyDb = Kysely<DB>;

/** Where one call's value goes in the compiled parameters: an argument, or a value the query itself holds. */
type Slot = { arg: number } | { value: unknown };
interface Compiled {
  sql: string;
  slots: Slot[];
}

// Stand-ins for the arguments while the query is built: strings no caller passes (a NUL, a fixed text, the index).
const STAND_IN = '\u0000aula-prepared-argument-';
const standIn = (i: number) => `${STAND_IN}${i}\u0000`;

/**
 * A query of one fixed shape, built and compiled by Kysely once per dialect and then sent with each call's
 * values. Kysely builds an immutable tree and walks it to SQL on every call — 5–40 µs for each of the ticket
 * page's lookups, about a tenth of the page's CPU — though the SQL of a fixed-shape query never changes, only
 * its parameters do. Compiled per dialect adapter (a transaction shares its database's), so SQLite and
 * PostgreSQL each get their own placeholders. The app's Kysely has no plugins; a query run here bypasses
 * plugins' result transforms.
 *
 * `build` gets stand-ins for its arguments (one per declared parameter after `db`). Each must reach the SQL as
 * one whole bound parameter — never inside a pattern, never through `sql.lit`, never deciding the query's shape
 * (no `$if`, no `in` list, no `is null` chosen by value): compiling throws when a stand-in is missing from the
 * parameters, altered, or written into the SQL text; the shape rule is the caller's to keep.
 */
export function prepared<A extends unknown[], R>(build: (db: AnyDb, ...args: A) => Compilable<R>) {
  const arity = build.length - 1;
  const byAdapter = new WeakMap<object, Compiled>();

  function compile(db: AnyDb): Compiled {
    const adapter = db.getExecutor().adapter;
    let c = byAdapter.get(adapter);
    if (c) return c;
    const stands = Array.from({ length: arity }, (_, i) => standIn(i));
    const q = build(db, ...(stands as A)).compile();
    if (q.sql.includes(STAND_IN)) throw new Error(`prepared query writes an argument into its SQL: ${q.sql}`);
    const seen = new Set<number>();
    const slots = q.parameters.map((p): Slot => {
      const i = typeof p === 'string' ? stands.indexOf(p) : -1;
      if (i >= 0) {
        seen.add(i);
        return { arg: i };
      }
      if (typeof p === 'string' && p.includes(STAND_IN)) {
        throw new Error(`prepared query alters an argument into a parameter: ${q.sql}`);
      }
      return { value: p };
    });
    if (seen.size !== arity) throw new Error(`prepared query does not bind all ${arity} arguments: ${q.sql}`);
    c = { sql: q.sql, slots };
    byAdapter.set(adapter, c);
    return c;
  }

  function query(db: AnyDb, args: A): CompiledQuery<R> {
    const c = compile(db);
    return CompiledQuery.raw(
      c.sql,
      c.slots.map((s) => ('arg' in s ? args[s.arg] : s.value)),
    ) as CompiledQuery<R>;
  }

  return {
    /** Every row. */
    all: async (db: AnyDb, ...args: A): Promise<R[]> => (await db.executeQuery(query(db, args))).rows,
    /** The first row, or undefined. */
    first: async (db: AnyDb, ...args: A): Promise<R | undefined> =>
      (await db.executeQuery(query(db, args))).rows[0],
    /** The SQL and parameters one call would send (for tests). */
    compiled: (db: AnyDb, ...args: A) => query(db, args),
  };
}
