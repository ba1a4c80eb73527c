import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { DB_KINDS } from '../../test/helpers/env.js';
import { publishedEvent } from '../../test/helpers/registrations.js';
import { prepared } from './prepared.js';
import { inTransaction } from './transaction.js';

type Status = 'draft' | 'published';
const byIdAndStatus = prepared((db, id: string, status: Status) =>
  db.selectFrom('events').select(['id', 'slug', 'status']).where('id', '=', id).where('status', '=', status),
);
// A value of the query's own (the limit) stays in place between the arguments.
const slugsFrom = prepared((db, from: string) =>
  db.selectFrom('events').select('slug').where('slug', '>=', from).orderBy('slug').limit(2),
);

describe.each(DB_KINDS)('prepared queries on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('send the SQL and parameters Kysely compiles for the same values, and read the same rows', async () => {
    const db = t.app.ctx.db;
    const a = await publishedEvent(t);
    const b = await publishedEvent(t, { publish: false });
    for (const e of [a, b]) {
      for (const status of ['published', 'draft'] as const) {
        const mine = byIdAndStatus.compiled(db, e.id, status);
        const kysely = db
          .selectFrom('events')
          .select(['id', 'slug', 'status'])
          .where('id', '=', e.id)
          .where('status', '=', status)
          .compile();
        expect(mine.sql).toBe(kysely.sql);
        expect(mine.parameters).toEqual(kysely.parameters);
        expect(await byIdAndStatus.first(db, e.id, status)).toEqual((await db.executeQuery(kysely)).rows[0]);
      }
    }
    expect((await byIdAndStatus.first(db, a.id, 'published'))?.slug).toBe(a.slug);
    expect(await byIdAndStatus.first(db, b.id, 'published')).toBeUndefined();
    const first = [a.slug, b.slug].sort()[0]!;
    expect(slugsFrom.compiled(db, first).parameters).toEqual([first, 2]);
    expect((await slugsFrom.all(db, first)).map((r) => r.slug)).toEqual([a.slug, b.slug].sort());
  });

  it('run inside a transaction and see its uncommitted writes', async () => {
    const db = t.app.ctx.db;
    const e = await publishedEvent(t);
    await inTransaction(db, async (trx) => {
      await trx.updateTable('events').set({ status: 'draft' }).where('id', '=', e.id).execute();
      expect((await byIdAndStatus.first(trx, e.id, 'draft'))?.id).toBe(e.id);
      await trx.updateTable('events').set({ status: 'published' }).where('id', '=', e.id).execute();
    });
    expect((await byIdAndStatus.first(db, e.id, 'published'))?.id).toBe(e.id);
  });

  it('refuse a query whose SQL would depend on an argument’s value', () => {
    const db = t.app.ctx.db;
    const inPattern = prepared((db, q: string) =>
      db.selectFrom('events').select('id').where('title', 'like', `%${q}%`),
    );
    expect(() => inPattern.compiled(db, 'x')).toThrow(/alters an argument/);
    const inText = prepared((db, id: string) =>
      db.selectFrom('events').select('id').where('id', '=', sql.lit(id)),
    );
    expect(() => inText.compiled(db, 'x')).toThrow(/into its SQL/);
    const unused = prepared((db, _id: string) => db.selectFrom('events').select('id'));
    expect(() => unused.compiled(db, 'x')).toThrow(/does not bind/);
  });
});
