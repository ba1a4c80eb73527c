// One Aula node for a benchmark's server process: a fresh DATA_DIR, SQLite unless a database URL is
// given, no logging, and an organizer with an API token. The bench servers share it so that each one's
// file says only what its own measurement needs.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

export async function benchNode(name: string, env: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), `aula-bench-${name}-`));
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
    PUBLIC_URL: 'http://aula.bench',
    ...env,
  });
  const app = await buildApp(config, { logger: false });
  await app.ctx.services.auth.createUser({
    email: 'org@bench.test',
    password: 'password123',
    role: 'organizer',
  });
  const organizerToken = await app.ctx.services.auth.createApiToken('org@bench.test');
  return {
    app,
    config,
    dir,
    organizerToken,
    /** Closes the app and removes its files. */
    async close() {
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
