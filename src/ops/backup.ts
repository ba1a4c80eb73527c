import {
  closeSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, relative, resolve } from 'node:path';
import { ROOT } from '../app.js';
import type { Config } from '../config.js';
import { createDb } from '../db/database.js';
import { appliedMigrations, exportTables, vacuumInto } from '../db/snapshot.js';
import type { Text } from '../i18n/index.js';
import { ArchiveWriter } from './archive.js';
import { pgDump } from './pgdump.js';

/**
 * A backup or restore that cannot go ahead: the text says why and what to do, in both languages (the CLI
 * prints the operator's; the message, for logs, is the English one).
 */
export class BackupError extends Error {
  constructor(readonly text: Text) {
    super(text.en);
  }
}

export const FORMAT = 'aula-backup';
export const FORMAT_VERSION = 1;

export interface BackupManifest {
  format: string;
  formatVersion: number;
  aulaVersion: string;
  createdAt: string;
  /**
   * sqlite-file: `database/aula.sqlite`; jsonl: `database/<table>.jsonl` per table (from PostgreSQL), and
   * `database/postgres.dump` (pg_dump's custom format) when pg_dump was there.
   */
  database: {
    engine: 'sqlite' | 'postgres';
    layout: 'sqlite-file' | 'jsonl';
    tables?: Record<string, number>;
    pgDump?: boolean;
  };
  schema: { migrations: string[] };
  entries: { path: string; size: number; sha256: string }[];
}

/** The SQLite database's own files, when it lives inside DATA_DIR (they go in as the snapshot instead). */
function databaseFiles(config: Config): Set<string> {
  if (config.database.kind !== 'sqlite' || config.database.path === ':memory:') return new Set();
  const p = config.database.path;
  return new Set([p, `${p}-wal`, `${p}-shm`, `${p}-journal`]);
}

/** Every file under DATA_DIR to keep: uploads, generated documents, the cookie secret. */
function* dataFiles(config: Config, skip: Set<string>, dir = config.dataDir): Generator<string> {
  if (!existsSync(dir)) return;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (skip.has(p)) continue;
    if (e.isDirectory()) yield* dataFiles(config, skip, p);
    else if (e.isFile() && !e.name.endsWith('.partial')) yield p;
  }
}

/** The database cannot be reached or opened: say so in a line, not a stack trace. */
export function unreachable(err: unknown): BackupError {
  const e = err as { message?: string; code?: string };
  const why = `${e.code ?? 'error'}: ${e.message ?? String(err)}`;
  return new BackupError({
    id: `Basis data DATABASE_URL tidak dapat dibuka (${why}). Periksa bahwa basis data itu ada dan dapat dijangkau.`,
    en: `Cannot open the database of DATABASE_URL (${why}). Check that it exists and is reachable.`,
  });
}

const aulaVersion = () =>
  (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { version: string }).version;

/**
 * Writes a backup of a running installation to `out`: the database first (one consistent instant), then
 * the files — a file is written before the row that refers to it commits, so every file the snapshot
 * needs is there. Written to `out.partial` and renamed at the end: a backup file is always whole.
 */
export async function createBackup(
  config: Config,
  out: string,
): Promise<{ file: string; bytes: number; files: number }> {
  const file = resolve(out);
  const partial = `${file}.partial`;
  if (existsSync(file))
    throw new BackupError({
      id: `${file} sudah ada; pilih nama lain atau hapus dulu berkas itu.`,
      en: `${file} already exists; choose another name or remove it first.`,
    });
  try {
    closeSync(openSync(partial, 'wx'));
    rmSync(partial);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new BackupError({
      id: `Cadangan tidak dapat ditulis ke ${file} (${code}): periksa bahwa foldernya ada dan dapat ditulisi.`,
      en: `Cannot write the backup to ${file} (${code}): check that the directory exists and is writable.`,
    });
  }
  const tmp = mkdtempSync(join(tmpdir(), 'aula-backup-'));
  const handle = createDb(config.database, { poolSize: 2 });
  const writer = new ArchiveWriter(partial);
  try {
    const engine = config.database.kind;
    const migrations = await appliedMigrations(handle.db, engine).catch((err: unknown) => {
      throw unreachable(err);
    });
    if (!migrations.length)
      throw new BackupError({
        id: 'Basis data ini belum berisi skema Aula: tidak ada yang dicadangkan.',
        en: 'This database has no Aula schema yet: there is nothing to back up.',
      });
    let database: BackupManifest['database'];
    if (engine === 'sqlite') {
      const snap = join(tmp, 'aula.sqlite');
      await vacuumInto(handle.db, snap);
      await writer.addFile('database/aula.sqlite', snap, statSync(snap).size);
      database = { engine, layout: 'sqlite-file' };
    } else {
      const tables = await exportTables(handle.db, (t) => join(tmp, `${t}.jsonl`));
      for (const t of Object.keys(tables)) {
        const f = join(tmp, `${t}.jsonl`);
        await writer.addFile(`database/${t}.jsonl`, f, statSync(f).size);
      }
      const dump = join(tmp, 'postgres.dump');
      const dumped = await pgDump(config.database.url, dump);
      if (dumped) await writer.addFile('database/postgres.dump', dump, statSync(dump).size);
      database = { engine, layout: 'jsonl', tables, pgDump: dumped };
    }
    const skip = databaseFiles(config);
    skip.add(file);
    if (config.backup) skip.add(config.backup.dir);
    let files = 0;
    for (const f of dataFiles(config, skip)) {
      let data: Buffer;
      try {
        data = readFileSync(f);
      } catch {
        continue; // removed since it was listed (an event deleted meanwhile): not part of this instant
      }
      await writer.addBuffer(`files/${relative(config.dataDir, f).split('\\').join('/')}`, data);
      files++;
    }
    await writer.finish({
      format: FORMAT,
      formatVersion: FORMAT_VERSION,
      aulaVersion: aulaVersion(),
      createdAt: new Date().toISOString(),
      database,
      schema: { migrations },
    } satisfies Omit<BackupManifest, 'entries'>);
    renameSync(partial, file);
    return { file, bytes: statSync(file).size, files };
  } catch (err) {
    writer.abort();
    rmSync(partial, { force: true });
    if (err instanceof BackupError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOSPC' || code === 'EACCES' || code === 'EROFS')
      throw new BackupError({
        id: `Cadangan tidak dapat ditulis ke ${file} (${code}). Tidak ada yang disimpan.`,
        en: `Cannot write the backup to ${file} (${code}). Nothing was kept.`,
      });
    throw err;
  } finally {
    await handle.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const SCHEDULED = /^aula-\d{8}-\d{6}\.tar\.gz$/;

/** One scheduled backup into BACKUP_DIR, then only the newest BACKUP_KEEP are kept. */
export async function scheduledBackup(config: Config, now = new Date()): Promise<string> {
  if (!config.backup) throw new BackupError({ id: 'BACKUP_DIR belum diatur.', en: 'BACKUP_DIR is not set.' });
  const { dir, keep } = config.backup;
  mkdirSync(dir, { recursive: true });
  const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  const { file } = await createBackup(config, join(dir, `aula-${stamp}.tar.gz`));
  const old = readdirSync(dir)
    .filter((f) => SCHEDULED.test(f))
    .sort()
    .reverse()
    .slice(keep);
  for (const f of old) rmSync(join(dir, f), { force: true });
  return basename(file);
}
