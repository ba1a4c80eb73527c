import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb } from './database.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('SQLite checkpoints off the request path', () => {
  it('the app connection never checkpoints; the worker copies the log into the file, and nothing is lost', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'aula-ckpt-'));
    dirs.push(dir);
    const path = join(dir, 'db.sqlite');
    const handle = createDb({ kind: 'sqlite', path });
    const { db } = handle;
    const auto = await sql<{ wal_autocheckpoint: number }>`PRAGMA wal_autocheckpoint`.execute(db);
    expect(auto.rows[0]?.wal_autocheckpoint).toBe(0);

    await sql`CREATE TABLE blobs (id INTEGER PRIMARY KEY, b BLOB NOT NULL)`.execute(db);
    const chunk = Buffer.alloc(4096, 7);
    // 4,000 pages: four times the mark at which SQLite would have checkpointed inside one of these commits.
    for (let i = 0; i < 40; i++) {
      for (let j = 0; j < 100; j++) await sql`INSERT INTO blobs (b) VALUES (${chunk})`.execute(db);
      await new Promise((r) => setTimeout(r, 5));
    }
    // Only a checkpoint moves pages into the database file; the app's connection has them switched off.
    let size = statSync(path).size;
    for (let i = 0; i < 200 && size < 4000 * 4096; i++) {
      await new Promise((r) => setTimeout(r, 50));
      size = statSync(path).size;
    }
    expect(size).toBeGreaterThanOrEqual(4000 * 4096);
    await handle.close();

    const again = createDb({ kind: 'sqlite', path });
    const n = await sql<{ n: number }>`SELECT count(*) AS n FROM blobs`.execute(again.db);
    expect(n.rows[0]?.n).toBe(4000);
    await again.close();
  });
});
