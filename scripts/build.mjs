#!/usr/bin/env node
// Builds the server (TypeScript → dist/) and the client islands (Vite → dist/public/, each file
// with its .br and .gz written beside it, see vite.config.ts).
// `--if-stale` skips the work when dist/ is newer than every source file, so `npm start` is quick.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const ifStale = process.argv.includes('--if-stale');

function newest(dir) {
  let max = 0;
  if (!existsSync(dir)) return 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    max = Math.max(max, entry.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return max;
}

const marker = join(root, 'dist', 'src', 'main.js');
const sources = Math.max(
  newest(join(root, 'src')),
  newest(join(root, 'client')),
  statSync(join(root, 'package-lock.json')).mtimeMs,
  // The islands' build (and their .br/.gz beside them) changes with it.
  statSync(join(root, 'vite.config.ts')).mtimeMs,
);
if (ifStale && existsSync(marker) && statSync(marker).mtimeMs >= sources) process.exit(0);

const bin = (name) => join(root, 'node_modules', '.bin', name);
console.log('Building Aula…');
execFileSync(bin('tsc'), ['-p', 'tsconfig.build.json'], { stdio: 'inherit', cwd: root });
execFileSync(bin('vite'), ['build', '--logLevel', 'warn'], { stdio: 'inherit', cwd: root });
