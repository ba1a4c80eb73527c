#!/usr/bin/env node
// `npm test`: type-check, lint, build the client islands, then run every test the machine allows.
// It says plainly which parts it left out (no PostgreSQL, Redis or Chromium); with
// AULA_REQUIRE_ALL=1 (set by .ci/run) a missing part is a failure instead.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import net from 'node:net';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const bin = (n) => join(root, 'node_modules', '.bin', n);
const requireAll = process.env.AULA_REQUIRE_ALL === '1';

function run(title, cmd, args, env = {}) {
  console.log(`\n▶ ${title}`);
  const r = spawnSync(cmd, args, { stdio: 'inherit', cwd: root, env: { ...process.env, ...env } });
  if (r.status !== 0) {
    console.error(`\n✗ ${title} failed`);
    process.exit(r.status ?? 1);
  }
}

function reachable(url, defPort) {
  return new Promise((resolve) => {
    let u;
    try {
      u = new URL(url);
    } catch {
      return resolve(false);
    }
    const s = net.connect({ host: u.hostname || '127.0.0.1', port: Number(u.port || defPort) });
    s.setTimeout(1000);
    const done = (ok) => {
      s.destroy();
      resolve(ok);
    };
    s.on('connect', () => done(true));
    s.on('error', () => done(false));
    s.on('timeout', () => done(false));
  });
}

const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 12)) {
  console.error(`Aula needs Node.js >= 22.12 (this is ${process.version}). See the README.`);
  process.exit(1);
}

const left = [];
const env = {};
const pg = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
if (pg && (await reachable(pg, 5432))) env.DATABASE_URL = pg;
else {
  env.DATABASE_URL = '';
  left.push(
    pg ? `PostgreSQL (DATABASE_URL ${new URL(pg).host} unreachable)` : 'PostgreSQL (DATABASE_URL not set)',
  );
}
const redis = process.env.REDIS_URL;
if (redis && (await reachable(redis, 6379))) env.REDIS_URL = redis;
else {
  env.REDIS_URL = '';
  left.push(redis ? 'Redis (REDIS_URL unreachable)' : 'Redis / several app nodes (REDIS_URL not set)');
}
const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
if (!existsSync(chromium)) left.push(`browser tests (no Chromium at ${chromium})`);
if (!existsSync('/usr/sbin/nginx') && !existsSync('/usr/bin/nginx'))
  left.push('the two-nodes-behind-nginx test (apt-get install nginx)');

if (left.length) {
  console.log(`\nThis run leaves out: ${left.join('; ')}.`);
  if (requireAll) {
    console.error('AULA_REQUIRE_ALL=1: every part is mandatory here. Failing.');
    process.exit(1);
  }
}

run('Type-check (tsc)', bin('tsc'), ['-p', 'tsconfig.json', '--noEmit']);
run('Lint and format check (Biome)', bin('biome'), ['check', '.']);
run('Build client islands (Vite)', bin('vite'), ['build', '--logLevel', 'warn']);
run('Tests (Vitest)', bin('vitest'), ['run', ...process.argv.slice(2)], env);
if (left.length) console.log(`\nPassed, but without: ${left.join('; ')}.`);
else console.log('\nAll parts ran: SQLite, PostgreSQL, Redis and Chromium.');
