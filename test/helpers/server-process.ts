import { type ChildProcess, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const ROOT = join(import.meta.dirname, '..', '..');

/** A free TCP port on loopback (asked of the kernel, then released for the server to take). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/** The environment a server process and its setup share. */
export function serverEnv(dataDir: string, databaseUrl: string, extra: Record<string, string> = {}) {
  return {
    DATA_DIR: dataDir,
    DATABASE_URL: databaseUrl,
    SESSION_SECRET: 'process-secret-process-secret-process-1',
    PUBLIC_URL: 'http://aula.test',
    LOG_LEVEL: 'warn',
    ...extra,
  };
}

/** An organizer and its API token in that database (created in-process before the servers start). */
export async function organizerToken(
  env: Record<string, string>,
  email = 'org@example.test',
): Promise<string> {
  const app = await buildApp(loadConfig(env), { logger: false });
  try {
    await app.ctx.services.auth.createUser({ email, password: 'password123', role: 'organizer' });
    return await app.ctx.services.auth.createApiToken(email);
  } finally {
    await app.close();
  }
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  port: number;
  /** Everything it printed (stdout and stderr). */
  output(): string;
  exited: Promise<number | null>;
}

/** `src/main.ts` in a process of its own (what `npm start` runs), resolved once it listens. */
export async function startServer(env: Record<string, string>, port?: number): Promise<ServerProcess> {
  const p = port ?? (await freePort());
  const child = spawn(process.execPath, ['--import', 'tsx', join(ROOT, 'src/main.ts')], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(p), HOST: '127.0.0.1', NODE_ENV: 'production' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d) => {
    out += d;
  });
  child.stderr!.on('data', (d) => {
    out += d;
  });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      // A server that never came up must not outlive the test.
      child.kill('SIGKILL');
      reject(new Error(`server did not start in 60 s:\n${out}`));
    }, 60_000);
    const check = () => {
      if (/Aula (berjalan di|is running at) /.test(out)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on('data', check);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`server exited with ${code} before listening:\n${out}`));
    });
  });
  return { child, url: `http://127.0.0.1:${p}`, port: p, output: () => out, exited };
}
