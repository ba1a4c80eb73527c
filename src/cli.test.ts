import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from './cli.js';

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
    expect(out.join('\n')).toContain('admin@example.ac.id created with role admin');
    expect(await main(['token', 'create', '--email', 'admin@example.ac.id'])).toBe(0);
    expect(out.at(-1)).toMatch(/^aula_[A-Za-z0-9_-]{40,}$/);
    expect(await main(['demo'])).toBe(0);
    expect(out.at(-1)).toContain('/e/seminar-umkm-kanigaran-2021');
  });

  it('says what is wrong with bad input, and exits with 2', async () => {
    expect(await main(['user', 'add', '--email', 'x', '--password', 'short'])).toBe(2);
    expect(err.join('\n')).toBe(
      'Check the input: email: invalid format (email); password: too short/small (min 8).',
    );
    expect(
      await main(['user', 'add', '--email', 'a@example.test', '--password', 'longenough1', '--role', 'boss']),
    ).toBe(2);
    expect(await main(['user', 'add', '--email', 'a@example.test'])).toBe(2);
    expect(await main(['token', 'create', '--email', 'nobody@example.test'])).toBe(1);
    expect(await main(['nonsense'])).toBe(2);
    expect(await main([])).toBe(0);
  });
});
