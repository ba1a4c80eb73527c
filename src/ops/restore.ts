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
import type { Text } from '../i18n/index.js';
import { type Entry, unpack } from './archive.js';
import { BackupError, type BackupManifest, FORMAT, FORMAT_VERSION, unreachable } from './backup.js';
import { hasPgRestore, pgRestore } from './pgdump.js';

const damaged = (file: string, why: Text) =>
  new BackupError({
    id: `${file} bukan cadangan Aula yang dapat dipakai: ${why.id}. Tidak ada yang dipulihkan.`,
    en: `${file} is not a usable Aula backup: ${why.en}. Nothing was restored.`,
  });

/** Reads and checks the whole archive into a staging directory; throws before anything is written. */
async function verified(file: string, staging: string): Promise<BackupManifest> {
  if (!existsSync(file)) throw new BackupError({ id: `${file} tidak ada.`, en: `${file} does not exist.` });
  let found: Entry[];
  let raw: Buffer | null;
  try {
    ({ found, manifest: raw } = await unpack(file, staging));
  } catch (err) {
    const msg = err instanceof Error ? err.message : String(err);
    throw damaged(
      file,
      /header check|unknown compression|invalid/i.test(msg)
        ? { id: 'berkas ini bukan tar ber-gzip', en: 'it is not a gzipped tar file' }
        : { id: `berkas ini terpotong atau rusak (${msg})`, en: `it is cut short or corrupt (${msg})` },
    );
  }
  if (!raw)
    throw damaged(file, {
      id: 'tidak ada manifest.json (bukan buatan `aula backup`, atau terpotong)',
      en: 'it has no manifest.json (not made by `aula backup`, or cut short)',
    });
  let m: BackupManifest;
  try {
    m = JSON.parse(raw.toString('utf8')) as BackupManifest;
  } catch {
    throw damaged(file, { id: 'manifest-nya bukan JSON yang sah', en: 'its manifest is not valid JSON' });
  }
  if (m.format !== FORMAT)
    throw damaged(file, { id: 'bukan buatan `aula backup`', en: 'it was not made by `aula backup`' });
  if (m.formatVersion > FORMAT_VERSION)
    throw new BackupError({
      id: `${file} dibuat oleh Aula yang lebih baru (format cadangan ${m.formatVersion}). Perbarui Aula, lalu pulihkan.`,
      en: `${file} was made by a newer Aula (backup format ${m.formatVersion}). Upgrade Aula, then restore.`,
    });
  const byPath = new Map(found.map((e) => [e.path, e]));
  for (const e of m.entries) {
    const got = byPath.get(e.path);
    if (!got) throw damaged(file, { id: `${e.path} tidak ada`, en: `${e.path} is missing` });
    if (got.size !== e.size || got.sha256 !== e.sha256)
      throw damaged(file, {
        id: `${e.path} tidak cocok dengan checksum-nya`,
        en: `${e.path} does not match its checksum`,
      });
    byPath.delete(e.path);
  }
  const extra = [...byPath.keys()][0];
  if (extra)
    throw damaged(file, {
      id: `berisi berkas yang tidak tercantum di manifest-nya (${extra})`,
      en: `it holds files its manifest does not list (${extra})`,
    });
  const known = new Set(knownMigrations());
  const unknown = m.schema.migrations.filter((x) => !known.has(x));
  if (unknown.length)
    throw new BackupError({
      id: `${file} berasal dari Aula yang lebih baru (${m.aulaVersion}; basis datanya memuat ${unknown.length} perubahan yang tidak dikenal versi ini, mis. ${unknown[0]}). Pasang versi itu atau yang lebih baru, lalu pulihkan. Tidak ada yang dipulihkan.`,
      en: `${file} comes from a newer Aula (${m.aulaVersion}; its database has ${unknown.length} change(s) this version does not know, e.g. ${unknown[0]}). Install that version or newer, then restore. Nothing was restored.`,
    });
  return m;
}

/** What already lives in the target (empty: nothing would be lost). */
async function occupied(config: Config, file: string): Promise<Text[]> {
  const found: Text[] = [];
  const db = config.database;
  const inside =
    db.kind === 'sqlite' ? new Set([db.path, `${db.path}-wal`, `${db.path}-shm`]) : new Set<string>();
  if (existsSync(config.dataDir)) {
    const entries = readdirSync(config.dataDir).filter((e) => {
      const p = join(config.dataDir, e);
      return !inside.has(p) && p !== resolve(file) && p !== config.backup?.dir;
    });
    const some = entries.slice(0, 3).join(', ');
    if (entries.length)
      found.push({
        id: `DATA_DIR ${config.dataDir} berisi ${entries.length} entri (${some})`,
        en: `DATA_DIR ${config.dataDir} has ${entries.length} entries (${some})`,
      });
  }
  if (db.kind === 'postgres' || existsSync(db.path)) {
    const h = createDb(db, { poolSize: 1 });
    try {
      const rows = await countRows(h.db, db.kind).catch((err: unknown) => {
        throw unreachable(err);
      });
      if (rows)
        found.push({ id: `basis datanya berisi ${rows} baris`, en: `the database holds ${rows} rows` });
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
): Promise<{
  rows: number;
  files: number;
  via: 'file' | 'rows' | 'pg_restore';
  from: { engine: 'sqlite' | 'postgres'; createdAt: string; aulaVersion: string };
}> {
  const staging = mkdtempSync(join(tmpdir(), 'aula-restore-'));
  try {
    const m = await verified(file, staging);
    const there = await occupied(config, file);
    if (there.length && !opts.force)
      throw new BackupError({
        id: `Tujuan pemulihan tidak kosong: ${there.map((x) => x.id).join('; ')}. Pulihkan ke tujuan yang kosong, atau tambahkan --force untuk menggantinya.`,
        en: `The target is not empty: ${there.map((x) => x.en).join('; ')}. Restore into an empty one, or add --force to replace it.`,
      });

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
      from: { engine: m.database.engine, createdAt: m.createdAt, aulaVersion: m.aulaVersion },
    };
  } finally {
    rmSync(staging, { recursive: true, force: true });
  }
}
