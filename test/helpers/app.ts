import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify';
import pg from 'pg';
import { type BuildOptions, buildApp } from '../../src/app.js';
import { type Config, loadConfig } from '../../src/config.js';
import { type DbKind, PG_URL } from './env.js';

export interface TestApp {
  app: FastifyInstance;
  config: Config;
  close(): Promise<void>;
  /** Creates a user with the role and returns a bearer token for it. */
  tokenFor(role: 'admin' | 'organizer' | 'moderator' | 'checkin', email?: string): Promise<string>;
  inject(opts: InjectOptions & { token?: string }): Promise<LightMyRequestResponse>;
}

let counter = 0;

/** A database of its own for one test file: a temp SQLite file, or a fresh PostgreSQL database dropped at the end. */
export async function createTestDatabase(
  kind: DbKind,
): Promise<{ url: string; drop(): Promise<void>; dir: string }> {
  const dir = mkdtempSync(join(tmpdir(), 'aula-test-'));
  if (kind === 'sqlite') {
    return {
      url: `sqlite:${join(dir, 'test.sqlite')}`,
      dir,
      drop: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  if (!PG_URL) throw new Error('PostgreSQL tests need DATABASE_URL=postgres://…');
  const name = `aula_test_${process.pid}_${Date.now().toString(36)}_${counter++}`;
  const admin = new pg.Client({ connectionString: PG_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${name}`);
  await admin.end();
  const u = new URL(PG_URL);
  u.pathname = `/${name}`;
  return {
    url: u.toString(),
    dir,
    drop: async () => {
      const c = new pg.Client({ connectionString: PG_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export async function createTestApp(
  kind: DbKind = 'sqlite',
  env: Record<string, string> = {},
  opts: BuildOptions = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind);
  const config = loadConfig({
    DATA_DIR: database.dir,
    DATABASE_URL: database.url,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'test-secret-test-secret-test-secret-123',
    PUBLIC_URL: 'http://aula.test',
    ...env,
  });
  const app = await buildApp(config, { logger: false, ...opts });
  let n = 0;
  return {
    app,
    config,
    async close() {
      await app.close();
      await database.drop();
    },
    async tokenFor(role, email) {
      const e = email ?? `${role}${n++}@example.test`;
      await app.ctx.services.auth.createUser({
        email: e,
        password: 'password123',
        role,
        name: `${role} ${n}`,
      });
      return app.ctx.services.auth.createApiToken(e);
    },
    inject(o) {
      const { token, ...rest } = o;
      return app.inject({
        ...rest,
        headers: { ...(rest.headers ?? {}), ...(token ? { authorization: `Bearer ${token}` } : {}) },
      });
    },
  };
}

export interface TwoNodes {
  a: TestApp;
  b: TestApp;
  close(): Promise<void>;
}

/**
 * Two app nodes on one database (SQLite unless `kind` says PostgreSQL) and one Redis (a prefix of their own), as
 * behind a load balancer. Needs REDIS_URL; CI sets it, and a plain `npm test` leaves these tests out and says so.
 */
export async function createTwoNodes(
  redisUrl: string | undefined,
  label: string,
  kind: DbKind = 'sqlite',
): Promise<TwoNodes> {
  if (!redisUrl) throw new Error('REDIS_URL is required for the two-node tests (CI sets it)');
  const shared = await createTestDatabase(kind);
  const env = {
    DATABASE_URL: shared.url,
    REDIS_URL: redisUrl,
    REDIS_PREFIX: `aula-${label}-${process.pid}-${Date.now()}`,
  };
  const a = await createTestApp('sqlite', env);
  const b = await createTestApp('sqlite', env);
  return {
    a,
    b,
    async close() {
      await a.close();
      await b.close();
      await shared.drop();
    },
  };
}
