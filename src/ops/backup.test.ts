import { createHash } from 'node:crypto';
import {
  createWriteStream,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import tar from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, createTestDatabase, type TestApp } from '../../test/helpers/app.js';
import { DB_KINDS, type DbKind, PG_URL } from '../../test/helpers/env.js';
import { person, publishedEvent } from '../../test/helpers/registrations.js';
import { buildApp } from '../app.js';
import { loadConfig } from '../config.js';
import { BackupError, createBackup } from './backup.js';
import { restoreBackup } from './restore.js';

/** Every file under a directory with its SHA-256 (the SQLite database's own files aside). */
function fileHashes(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (!/\.sqlite(-wal|-shm)?$/.test(e.name))
        out.set(relative(dir, p), createHash('sha256').update(readFileSync(p)).digest('hex'));
    }
  };
  walk(dir);
  return out;
}

const SURGE = 240;

/** A gzipped tar of the given entries, as any tool could make it. */
async function rawArchive(path: string, entries: { name: string; data: Buffer }[]) {
  const pack = tar.pack();
  const done = pipeline(pack, createGzip(), createWriteStream(path));
  for (const e of entries) pack.entry({ name: e.name, size: e.data.length }, e.data);
  pack.finalize();
  await done;
}

describe.each(DB_KINDS)('backup of a %s installation during a registration surge', (kind) => {
  let t: TestApp;
  const work = mkdtempSync(join(tmpdir(), 'aula-backup-test-'));
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  it('restores every registration acknowledged before it began, and every file, on either engine', async () => {
    await t.app.ctx.services.demo.load({ ownerEmail: null, dataDir: t.config.dataDir });
    const e = await publishedEvent(t, { capacity: 10_000 });
    // Uploads and generated files beside the database.
    mkdirSync(join(t.config.dataDir, 'uploads', 'certificates'), { recursive: true });
    writeFileSync(
      join(t.config.dataDir, 'uploads', 'certificates', 'sertifikat-001.pdf'),
      Buffer.alloc(70_000, 7),
    );

    const acknowledged: { id: string; at: number }[] = [];
    let next = 0;
    const worker = async () => {
      while (next < SURGE) {
        const i = next++;
        const r = await t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/registrations`,
          payload: person(i),
        });
        expect(r.statusCode, r.body).toBe(201);
        acknowledged.push({ id: r.json().id, at: performance.now() });
      }
    };
    const surge = Promise.all(Array.from({ length: 12 }, worker));
    while (acknowledged.length < SURGE / 4) await new Promise((r) => setTimeout(r, 5));
    const began = performance.now();
    const filesBefore = fileHashes(t.config.dataDir);
    const out = join(work, `backup-${kind}.tar.gz`);
    const made = await createBackup(t.config, out);
    const ackedBefore = acknowledged.filter((a) => a.at < began).map((a) => a.id);
    await surge;
    expect(made.files).toBeGreaterThanOrEqual(5);
    // The surge went on while the backup ran.
    expect(acknowledged.filter((a) => a.at > began).length).toBeGreaterThan(0);

    const targets: DbKind[] = PG_URL ? ['sqlite', 'postgres'] : ['sqlite'];
    for (const into of targets) {
      const db = await createTestDatabase(into);
      const dataDir = join(work, `restored-${kind}-into-${into}`);
      const config = loadConfig({ DATA_DIR: dataDir, DATABASE_URL: db.url, LOG_LEVEL: 'silent' });
      try {
        const r = await restoreBackup(config, out);
        // SQLite into SQLite is the file itself; PostgreSQL into PostgreSQL goes through pg_restore (on this
        // machine pg_dump is there); across engines, rows are copied table by table.
        expect(r.via).toBe(kind !== into ? 'rows' : kind === 'sqlite' ? 'file' : 'pg_restore');
        // Once more over what was just restored: refused as it is, replaced with --force.
        await expect(restoreBackup(config, out)).rejects.toThrow(/The target is not empty/);
        expect((await restoreBackup(config, out, { force: true })).rows).toBe(r.rows);
        expect(fileHashes(dataDir), `files restored into ${into}`).toEqual(
          new Map([...filesBefore].filter(([p]) => !p.endsWith('.sqlite'))),
        );
        const app = await buildApp(config, { logger: false });
        try {
          const token = await app.ctx.services.auth.createApiToken(
            (
              await app.ctx.services.auth.createUser({
                email: `admin-${into}@example.test`,
                password: 'password123',
                role: 'admin',
              })
            ).email,
          );
          const list = await app.inject({
            method: 'GET',
            url: `/api/v1/events/${e.id}/registrations?limit=1000`,
            headers: { authorization: `Bearer ${token}` },
          });
          expect(list.statusCode).toBe(200);
          const ids = new Set((list.json().registrations as { id: string }[]).map((r) => r.id));
          const missing = ackedBefore.filter((id) => !ids.has(id));
          expect(missing, `acknowledged registrations missing after restore into ${into}`).toEqual([]);
          // The demo seminar and its public page came back too.
          const page = await app.inject({ method: 'GET', url: '/e/seminar-umkm-kanigaran-2021' });
          expect(page.statusCode).toBe(200);
        } finally {
          await app.close();
        }
      } finally {
        await db.drop();
      }
    }
  });
});

describe('restore refuses what it cannot trust, and writes nothing', () => {
  const work = mkdtempSync(join(tmpdir(), 'aula-restore-bad-'));
  let good: string;
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
    await t.app.ctx.services.demo.load({ ownerEmail: null, dataDir: t.config.dataDir });
    good = (await createBackup(t.config, join(work, 'good.tar.gz'))).file;
  });
  afterAll(async () => {
    await t.close();
    rmSync(work, { recursive: true, force: true });
  });

  /** A fresh, empty target (nothing on disk yet). */
  const target = (name: string) => {
    const dir = join(work, `target-${name}`);
    return { dir, config: loadConfig({ DATA_DIR: dir, DATABASE_URL: `sqlite:${join(dir, 'aula.sqlite')}` }) };
  };
  const refused = async (file: string, message: RegExp) => {
    const { dir, config } = target(`${Math.random()}`.slice(2));
    await expect(restoreBackup(config, file)).rejects.toThrow(message);
    expect(existsSync(dir), 'nothing written').toBe(false);
  };

  /** Re-packs the good backup with its manifest changed (as a newer Aula would write it). */
  const repacked = async (name: string, change: (m: Record<string, unknown>) => void) => {
    const { unpack, ArchiveWriter } = await import('./archive.js');
    const staging = mkdtempSync(join(work, 'repack-'));
    const { found, manifest } = await unpack(good, staging);
    const m = JSON.parse(manifest!.toString()) as Record<string, unknown>;
    const w = new ArchiveWriter(join(work, name));
    for (const e of found) await w.addBuffer(e.path, readFileSync(join(staging, e.path)));
    delete m.entries;
    change(m);
    await w.finish(m);
    return join(work, name);
  };

  it('a truncated or corrupt backup', async () => {
    const bytes = readFileSync(good);
    writeFileSync(join(work, 'truncated.tar.gz'), bytes.subarray(0, Math.floor(bytes.length * 0.6)));
    await refused(join(work, 'truncated.tar.gz'), /not a usable Aula backup: it is cut short or corrupt/);
    const corrupt = Buffer.from(bytes);
    for (let i = 2000; i < 2400; i++) corrupt[i] = corrupt[i]! ^ 0x5a;
    writeFileSync(join(work, 'corrupt.tar.gz'), corrupt);
    await refused(join(work, 'corrupt.tar.gz'), /not a usable Aula backup/);
  });

  it('a foreign file: not gzip, a tar without a manifest, another manifest, a checksum that does not match', async () => {
    writeFileSync(join(work, 'notes.txt'), 'daftar hadir\n');
    await refused(join(work, 'notes.txt'), /not a usable Aula backup: it is not a gzipped tar file/);
    // The operator reads it in Indonesian first (the CLI prints `text` in their language).
    const refusal = await restoreBackup(target('id').config, join(work, 'notes.txt')).catch(
      (e: unknown) => e,
    );
    expect(refusal).toBeInstanceOf(BackupError);
    expect((refusal as BackupError).text.id).toMatch(
      /notes\.txt bukan cadangan Aula yang dapat dipakai: berkas ini bukan tar ber-gzip\. Tidak ada yang dipulihkan\.$/,
    );
    await rawArchive(join(work, 'plain.tar.gz'), [{ name: 'hello.txt', data: Buffer.from('hi') }]);
    await refused(join(work, 'plain.tar.gz'), /it has no manifest\.json/);
    await rawArchive(join(work, 'other.tar.gz'), [
      { name: 'manifest.json', data: Buffer.from(JSON.stringify({ format: 'something-else', entries: [] })) },
    ]);
    await refused(join(work, 'other.tar.gz'), /it was not made by `aula backup`/);
    // The good backup's manifest with one upload swapped after the fact.
    const { unpack } = await import('./archive.js');
    const staging = mkdtempSync(join(work, 'tamper-'));
    const { found, manifest } = await unpack(good, staging);
    await rawArchive(join(work, 'swapped.tar.gz'), [
      ...found.map((e) => ({
        name: e.path,
        data: e.path.startsWith('files/uploads/')
          ? Buffer.from('swapped')
          : readFileSync(join(staging, e.path)),
      })),
      { name: 'manifest.json', data: manifest! },
    ]);
    await refused(join(work, 'swapped.tar.gz'), /files\/uploads\/.* does not match its checksum/);
  });

  it('a backup from a newer Aula (schema or format)', async () => {
    const newer = await repacked('newer-schema.tar.gz', (m) => {
      const s = m.schema as { migrations: string[] };
      s.migrations.push('2099_01_01_0000_from_the_future');
      m.aulaVersion = '9.0.0';
    });
    await refused(
      newer,
      /comes from a newer Aula \(9\.0\.0.*2099_01_01_0000_from_the_future.*Install that version or newer/,
    );
    const format = await repacked('newer-format.tar.gz', (m) => {
      m.formatVersion = 2;
    });
    await refused(format, /made by a newer Aula \(backup format 2\)/);
  });

  it('a target that is not empty, unless --force', async () => {
    const { dir, config } = target('occupied');
    await restoreBackup(config, good);
    mkdirSync(join(dir, 'uploads', 'local'), { recursive: true });
    writeFileSync(join(dir, 'uploads', 'local', 'keep.txt'), 'x');
    await expect(restoreBackup(config, good)).rejects.toThrow(
      /The target is not empty: DATA_DIR .* the database holds \d+ rows.*--force/,
    );
    expect(existsSync(join(dir, 'uploads', 'local', 'keep.txt'))).toBe(true);
    const r = await restoreBackup(config, good, { force: true });
    expect(r.rows).toBeGreaterThan(0);
    expect(r.rows).toBe((await restoreBackup(target('fresh').config, good)).rows);
    expect(existsSync(join(dir, 'uploads', 'local', 'keep.txt'))).toBe(false);
  });

  it('a database that does not exist', async () => {
    const config = loadConfig({
      DATA_DIR: join(work, 'pg-missing'),
      DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nowhere',
    });
    await expect(restoreBackup(config, good)).rejects.toThrow(
      /Cannot open the database of DATABASE_URL \(ECONNREFUSED/,
    );
    await expect(createBackup(config, join(work, 'x.tar.gz'))).rejects.toThrow(/Cannot open the database/);
    expect(existsSync(join(work, 'x.tar.gz'))).toBe(false);
  });

  it('a backup path that cannot be written', async () => {
    writeFileSync(join(work, 'a-file'), 'x');
    for (const out of [join(work, 'no', 'such', 'dir', 'b.tar.gz'), join(work, 'a-file', 'b.tar.gz')]) {
      await expect(createBackup(t.config, out)).rejects.toThrow(
        /Cannot write the backup to .*check that the directory exists and is writable/,
      );
      expect(existsSync(out)).toBe(false);
    }
    await expect(createBackup(t.config, good)).rejects.toThrow(/already exists/);
  });
});

describe('scheduled backups', () => {
  it('write into BACKUP_DIR and keep the newest BACKUP_KEEP', async () => {
    const t = await createTestApp('sqlite', { BACKUP_KEEP: '2' });
    const dir = join(t.config.dataDir, 'backups');
    const config = { ...t.config, backup: { dir, keep: t.config.backup?.keep ?? 2 } };
    try {
      expect(t.config.backup).toBeNull();
      const { scheduledBackup } = await import('./backup.js');
      const names: string[] = [];
      for (const day of [5, 6, 7])
        names.push(await scheduledBackup(config, new Date(Date.UTC(2026, 11, day, 2))));
      expect(names).toEqual([
        'aula-20261205-020000.tar.gz',
        'aula-20261206-020000.tar.gz',
        'aula-20261207-020000.tar.gz',
      ]);
      expect(readdirSync(dir).sort()).toEqual(names.slice(1));
      // A backup kept inside DATA_DIR is not itself backed up into the next one.
      const { unpack } = await import('./archive.js');
      const { found } = await unpack(join(dir, names[2]!), mkdtempSync(join(tmpdir(), 'aula-sched-')));
      expect(found.some((e) => e.path.includes('backups/'))).toBe(false);
    } finally {
      await t.close();
    }
  });
});
