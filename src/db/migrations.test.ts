import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrations } from './migrations/index.js';

describe('the list of migrations', () => {
  const names = Object.keys(migrations);

  it('reads in the order Kysely runs them (by name), one per file, each under its file’s name', () => {
    expect(names).toEqual([...names].sort());
    const files = readdirSync(join(import.meta.dirname, 'migrations'))
      .filter((f) => /^\d{4}_\d{2}_\d{2}_\d{4}_[a-z_]+\.ts$/.test(f))
      .map((f) => f.replace(/\.ts$/, ''));
    expect(names).toEqual(files.sort());
  });
});
