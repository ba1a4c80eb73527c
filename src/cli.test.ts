import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.js';
import { operatorLocale } from './config.js';

/** The `aula` command line against a SQLite file of its own (it reads DATA_DIR and DATABASE_URL like the server). */
describe('aula command line', () => {
  let dir: string;
  let env: NodeJS.ProcessEnv;
  let out: string[];
  let err: string[];
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'aula-cli-'));
    env = { ...process.env };
    process.env.DATA_DIR = dir;
    process.env.DATABASE_URL = `sqlite:${join(dir, 'aula.sqlite')}`;
    // A server's usual locale, which says nothing of the operator: Aula speaks Indonesian.
    delete process.env.AULA_LANG;
    delete process.env.LC_ALL;
    delete process.env.LC_MESSAGES;
    process.env.LANG = 'C.UTF-8';
    out = [];
    err = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.env = env;
    rmSync(dir, { recursive: true, force: true });
  });

  it('adds a user, prints a token for it, and loads the demo', async () => {
    expect(
      await main([
        'user',
        'add',
        '--email',
        'Admin@Example.ac.id',
        '--password',
        'rahasia-panjang',
        '--role',
        'admin',
      ]),
    ).toBe(0);
    expect(out.join('\n')).toContain('Pengguna admin@example.ac.id dibuat dengan peran admin.');
    expect(await main(['token', 'create', '--email', 'admin@example.ac.id'])).toBe(0);
    expect(out.at(-1)).toMatch(/^aula_[A-Za-z0-9_-]{40,}$/);
    expect(await main(['demo'])).toBe(0);
    expect(out.at(-1)).toMatch(/^Acara demo siap: .*\/e\/seminar-umkm-kanigaran-2021$/);
  });

  it('says what is wrong with bad input, and exits with 2', async () => {
    expect(await main(['user', 'add', '--email', 'x', '--password', 'short'])).toBe(2);
    expect(err.at(-1)).toMatch(/^Periksa isian: email: .*; password: .*\.$/);
    expect(
      await main(['user', 'add', '--email', 'a@example.test', '--password', 'longenough1', '--role', 'boss']),
    ).toBe(2);
    expect(err.at(-1)).toBe('--role harus salah satu dari admin, organizer, moderator, checkin');
    expect(await main(['user', 'add', '--email', 'a@example.test'])).toBe(2);
    expect(err.at(-1)).toBe('aula user add memerlukan --email dan --password');
    expect(await main(['token', 'create', '--email', 'nobody@example.test'])).toBe(1);
    expect(err.at(-1)).toBe('Pengguna tidak ditemukan.');
    expect(await main(['nonsense'])).toBe(2);
    expect(out.at(-1)).toContain('Baris perintah Aula');
    expect(await main([])).toBe(0);
  });

  it('speaks English to an operator whose locale or AULA_LANG says so', async () => {
    process.env.AULA_LANG = 'en';
    expect(await main(['user', 'add', '--email', 'x', '--password', 'short'])).toBe(2);
    expect(err.at(-1)).toBe(
      'Check the input: email: invalid format (email); password: too short/small (min 8).',
    );
    expect(await main(['demo'])).toBe(0);
    expect(out.at(-1)).toMatch(/^Demo event ready: .*\/e\/seminar-umkm-kanigaran-2021$/);
    const file = join(dir, 'aula.tar.gz');
    expect(await main(['backup', '--out', file])).toBe(0);
    expect(out.at(-1)).toMatch(/^Backup written: .*aula\.tar\.gz \(\d+\.\d MB, \d+ files\)\.$/);
    expect(await main(['restore', file])).toBe(1);
    expect(err.at(-1)).toMatch(/^The target is not empty: .*add --force to replace it\.$/);
    expect(operatorLocale({ LANG: 'en_US.UTF-8' })).toBe('en');
    expect(operatorLocale({ LC_ALL: 'en_GB.UTF-8', LANG: 'id_ID.UTF-8' })).toBe('en');
    expect(operatorLocale({ AULA_LANG: 'id', LANG: 'en_US.UTF-8' })).toBe('id');
    for (const shell of ['id_ID.UTF-8', 'C.UTF-8', 'POSIX', '', 'eng'])
      expect(operatorLocale({ LANG: shell })).toBe('id');
  });

  it('backs up and restores through the command line, and says what is wrong', async () => {
    expect(await main(['demo'])).toBe(0);
    const file = join(dir, 'aula.tar.gz');
    expect(await main(['backup'])).toBe(2);
    expect(await main(['backup', '--out', file])).toBe(0);
    expect(out.at(-1)).toMatch(/^Cadangan ditulis: .*aula\.tar\.gz \(\d+,\d MB, \d+ berkas\)\.$/);
    expect(await main(['backup', '--out', join(dir, 'missing', 'x.tar.gz')])).toBe(1);
    expect(err.at(-1)).toContain('Cadangan tidak dapat ditulis ke');
    // Restoring over the installation it came from: refused without --force, replaced with it.
    expect(await main(['restore'])).toBe(2);
    expect(await main(['restore', file])).toBe(1);
    expect(err.at(-1)).toMatch(/^Tujuan pemulihan tidak kosong: .*--force untuk menggantinya\.$/);
    expect(await main(['restore', file, '--force'])).toBe(0);
    expect(out.at(-1)).toMatch(
      /^Cadangan sqlite dari \S+ \(Aula [\d.]+\) dipulihkan: \d+ baris, \d+ berkas\. Jalankan server/,
    );
    // The backup itself lived in DATA_DIR: --force replaced everything else.
    expect(existsSync(file)).toBe(true);
    expect(await main(['restore', join(dir, 'nope.tar.gz')])).toBe(1);
    expect(err.at(-1)).toMatch(/nope\.tar\.gz tidak ada\.$/);
    // A setting that cannot be used: its name and the way out, not a stack trace.
    process.env.DATABASE_URL = 'mysql://localhost/aula';
    expect(await main(['backup', '--out', file])).toBe(2);
    expect(err.at(-1)).toBe('DATABASE_URL harus diawali sqlite: atau postgres:// (tertulis "mysql:")');
  });

  it('runs from its source file too, with the exit status of the command', () => {
    const tsx = join(import.meta.dirname, '..', 'node_modules', '.bin', 'tsx');
    const run = (...args: string[]) =>
      spawnSync(tsx, [join(import.meta.dirname, 'cli.ts'), ...args], { encoding: 'utf8', env: process.env });
    const help = run();
    expect(help.status).toBe(0);
    expect(help.stdout).toContain('aula user add --email E');
    expect(help.stdout).toContain('Baris perintah Aula');
    expect(run('nonsense').status).toBe(2);
  });
});

/** `npm start` and `npx aula` run scripts/check-node.cjs first: an old Node gets a plain answer, not a crash. */
describe('the Node.js version check', () => {
  const root = join(import.meta.dirname, '..');
  const check = (...args: string[]) =>
    spawnSync(process.execPath, [join(root, 'scripts/check-node.cjs'), ...args], { encoding: 'utf8' });

  it('stops an older Node with the version needed and how to get Node 24 LTS', () => {
    const old = check('--as', '20.11.0');
    expect(old.status).toBe(1);
    expect(old.stderr).toContain('Aula membutuhkan Node.js 22.12 atau lebih baru; ini Node.js v20.11.0.');
    expect(old.stderr).toContain('Aula needs Node.js 22.12 or newer; this is Node.js v20.11.0.');
    expect(old.stderr).toContain('Install Node.js 24 LTS');
    expect(check('--as', 'v22.11.9').status).toBe(1);
    for (const ok of ['22.12.0', '24.1.0', '25.0.0']) expect(check('--as', ok).status).toBe(0);
    expect(check().status).toBe(0);
    // npm ci refuses an unsupported Node instead of only warning.
    expect(readFileSync(join(root, '.npmrc'), 'utf8')).toContain('engine-strict=true');
  });

  // The machine's own Node (Debian's, older) when there is one: the real thing, not a pretend version.
  const systemNode = ['/usr/bin/node', '/usr/bin/nodejs'].find((p) => {
    if (!existsSync(p)) return false;
    const v = spawnSync(p, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim();
    return Number(v.split('.')[0]) < 22;
  });
  it.runIf(systemNode)('npx aula on an older Node stops before building anything', () => {
    const r = spawnSync(systemNode!, [join(root, 'bin/aula.cjs'), 'demo'], { encoding: 'utf8' });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('Aula needs Node.js 22.12 or newer');
    expect(r.stdout).not.toContain('Building');
  });
});
