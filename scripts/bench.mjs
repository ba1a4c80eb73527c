#!/usr/bin/env node
// `npm run bench -- <name>` runs bench/<name>.ts (on SQLite unless DATABASE_URL says otherwise).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const name = process.argv[2];
const available = readdirSync(join(root, 'bench'))
  .filter((f) => f.endsWith('.ts') && !f.startsWith('_'))
  .map((f) => f.slice(0, -3));
if (!name || !existsSync(join(root, 'bench', `${name}.ts`))) {
  console.error(`Usage: npm run bench -- <${available.join('|')}>`);
  process.exit(2);
}
const r = spawnSync(
  join(root, 'node_modules', '.bin', 'tsx'),
  [join(root, 'bench', `${name}.ts`), ...process.argv.slice(3)],
  {
    stdio: 'inherit',
    cwd: root,
    env: { NODE_ENV: 'production', ...process.env },
  },
);
process.exit(r.status ?? 1);
