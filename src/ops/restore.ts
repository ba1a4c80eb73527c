import {
  copyFileSync,
  cpSync,
  createReadStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  rmSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve, sep } from 'node:path';
import { createInterface } from 'node:readline';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { migrateToLatest } from '../db/migrate.js';
import {
  countRows,
  dropAllTables,
  importRows,
  knownMigrations,
  migrateTo,
  type Row,
  sqliteFileRows,
  tableOrder,
} from '../db/snapshot.js';
import { type Entry, unpack } from './archive.js';
import { BackupError, type BackupManifest, FORMAT, FORMAT_VERSION, unreachable } from './backup.js';
import { hasPgRestore, pgRestore } from './pgdump.js';

const damaged = (file: string, why: string) =>
  new BackupError(`${file} is not a usable Aula backup: ${why}. Nothing was restored.`);

/** Reads and checks the whole archive into a staging directory; throws before anything is written. */
async function verified(file: string, staging: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError(`${file} does not exist.`);
  let found: Entry[];
  let raw: Buffer | null;
  try {
    ({ found, manifest: raw } = await unpack(file, staging));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw damaged(
      file,
      /header check|unknown compression|invalid/i.test(msg)
        ? 'it is not a gzipped tar file'
        : `it is cut short or corrupt (${msg})`,
    );
  }
  if (!raw) throw damaged(file, 'it has no manifest.json (not made by `aula backup`, or cut short)');
  let m: BackupManifest;
  try {
    m = JSON.parse(raw.toString('utf8')) as BackupManifest;
  } catch {
    throw damaged(file, 'its manifest is not valid JSON');
  }
  if (m.format !== FORMAT) throw damaged(file, 'it was not made by `aula backup`');
  if (m.formatVersion > FORMAT_VERSION)
    throw new BackupError(
      `${file} was made by a newer Aula (backup format ${m.formatVersion}). Upgrade Aula, then restore.`,
    );
  const byPath = new Map(found.map((e) => [e.path, e]));
  for (const e of m.entries) {
    const got = byPath.get(e.path);
    if (!got) throw damaged(file, `${e.path} is missing`);
    if (got.size !== e.size || got.sha256 !== e.sha256)
      throw damaged(file, `${e.path} does not match its checksum`);
    byPath.delete(e.path);
  }
  if (byPath.size)
    throw damaged(file, `it holds files its manifest does not list (${[...byPath.keys()][0]})`);
  const known = new Set(knownMigrations());
  const unknown = m.schema.migrations.filter((x) => !known.has(x));
  if (unknown.length)
    throw new BackupError(
      `${file} comes from a newer Aula (${m.aulaVersion}; its database has ${unknown.length} change(s) this version does not know, e.g. ${unknown[0]}). Install that version or newer, then restore. Nothing was restored.`,
    );
  return m;
}

/** What already lives in the target (empty: nothing would be lost). */
async function occupied(config: Config, file: string): Promise<string[]> {
  const found: string[] = [];
  const db = config.database;
  const inside =
    db.kind === 'sqlite' ? new Set([db.path, `${db.path}-wal`, `${db.path}-shm`]) : new Set<string>();
  if (existsSync(config.dataDir)) {
    const entries = readdirSync(config.dataDir).filter((e) => {
      const p = join(config.dataDir, e);
      return !inside.has(p) && p !== resolve(file) && p !== config.backup?.dir;
    });
    if (entries.length)
      found.push(
        `DATA_DIR ${config.dataDir} has ${entries.length} entries (${entries.slice(0, 3).join(', ')})`,
      );
  }
  if (db.kind === 'postgres' || existsSync(db.path)) {
    const h = createDb(db, { poolSize: 1 });
    try {
      const rows = await countRows(h.db, db.kind).catch((err: unknown) => {
        throw unreachable(err);
      });
      if (rows) found.push(`the database holds ${rows} rows`);
    } finally {
      await h.close();
    }
  }
  return found;
}

async function* jsonlRows(dir: string, order: string[]): AsyncGenerator<{ table: string; rows: Row[] }> {
  for (const table of order) {
    const f = join(dir, `${table}.jsonl`);
    if (!existsSync(f)) continue;
    let batch: Row[] = [];
    for await (const line of createInterface({
      input: createReadStream(f),
      crlfDelay: Number.POSITIVE_INFINITY,
    })) {
      if (!line) continue;
      batch.push(JSON.parse(line) as Row);
      if (batch.length === 400) {
        yield { table, rows: batch };
        batch = [];
      }
    }
    if (batch.length) yield { table, rows: batch };
  }
}

/**
 * Restores a backup into this configuration's DATA_DIR and DATABASE_URL, either engine from either: a
 * SQLite backup restored into PostgreSQL is how one machine grows into several. The archive is checked
 * whole first; a target that holds anything is refused unless `force` (then it is replaced).
 */
export async function restoreBackup(
  config: Config,
  file: string,
  opts: { force?: boolean } = {},
): Promise<{ rows: number; files: number; via: 'file' | 'rows' | 'pg_restore'; from: string }> {
  const staging = mkdtempSync(join(tmpdir(), 'aula-restore-'));
  try {
    const m = await verified(file, staging);
    const there = await occupied(config, file);
    if (there.length && !opts.force)
      throw new BackupError(
        `The target is not empty: ${there.join('; ')}. Restore into an empty one, or add --force to replace it.`,
      );

    const target = config.database;
    if (opts.force) {
      // Everything goes but the backup being restored and the scheduled backups (they may live in DATA_DIR).
      const keep = [resolve(file), ...(config.backup ? [config.backup.dir] : [])];
      if (existsSync(config.dataDir))
        for (const e of readdirSync(config.dataDir)) {
          const p = join(config.dataDir, e);
          if (!keep.some((k) => k === p || k.startsWith(`${p}${sep}`)))
            rmSync(p, { recursive: true, force: true });
        }
      if (target.kind === 'postgres') {
        const h = createDb(target, { poolSize: 1 });
        await dropAllTables(h.db, 'postgres').finally(() => h.close());
      }
    }
    // A SQLite target starts from nothing: an old file's WAL beside a new file would be read as part of it.
    if (target.kind === 'sqlite')
      for (const suffix of ['', '-wal', '-shm', '-journal'])
        rmSync(`${target.path}${suffix}`, { force: true });
    mkdirSync(config.dataDir, { recursive: true });
    let rows = 0;
    let via: 'file' | 'rows' | 'pg_restore' = 'rows';
    const snapshot = join(staging, 'database', 'aula.sqlite');
    if (m.database.layout === 'sqlite-file' && target.kind === 'sqlite') {
      via = 'file';
      mkdirSync(dirname(target.path), { recursive: true });
      copyFileSync(snapshot, target.path);
      const h = createDb(target);
      rows = await migrateToLatest(h.db)
        .then(() => countRows(h.db, 'sqlite'))
        .finally(() => h.close());
    } else if (target.kind === 'postgres' && m.database.pgDump && (await hasPgRestore())) {
      // PostgreSQL to PostgreSQL: its own dump, restored in one transaction.
      via = 'pg_restore';
      await pgRestore(target.url, join(staging, 'database', 'postgres.dump'));
      const h = createDb(target, { poolSize: 1 });
      rows = await migrateToLatest(h.db)
        .then(() => countRows(h.db, 'postgres'))
        .finally(() => h.close());
    } else {
      const h = createDb(target, { poolSize: 1 });
      try {
        await migrateTo(h.db, m.schema.migrations);
        const order = await tableOrder(h.db, target.kind);
        const source =
          m.database.layout === 'sqlite-file'
            ? sqliteFileRows(snapshot, order)
            : jsonlRows(join(staging, 'database'), order);
        const counts = await importRows(h.db, target.kind, source);
        rows = Object.values(counts).reduce((a, b) => a + b, 0);
        await migrateToLatest(h.db);
      } finally {
        await h.close();
      }
    }
    const filesDir = join(staging, 'files');
    const files = m.entries.filter((e) => e.path.startsWith('files/')).length;
    if (existsSync(filesDir)) cpSync(filesDir, config.dataDir, { recursive: true });
    return {
      rows,
      files,
      via,
      from: `${m.database.engine} backup of ${m.createdAt} (Aula ${m.aulaVersion})`,
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
