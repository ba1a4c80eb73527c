import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/**
 * PostgreSQL's own tools, when the machine has them: `pg_dump` beside the portable JSON-lines export (a
 * native dump restores faster into PostgreSQL and is what a DBA expects), `pg_restore` to read it back.
 * Connection details go through the child's environment, never the command line (`ps` shows arguments).
 * The tools are looked up in the usual places, the newest PostgreSQL version's first (pg_dump must be at
 * least as new as the server); without them the backup is the portable export alone.
 */
function tool(name: string): string | null {
  const versions = existsSync('/usr/lib/postgresql')
    ? readdirSync('/usr/lib/postgresql')
        .filter((v) => /^\d+$/.test(v))
        .sort((a, b) => Number(b) - Number(a))
        .map((v) => `/usr/lib/postgresql/${v}/bin`)
    : [];
  for (const dir of [...versions, '/usr/local/bin', '/usr/bin', '/opt/homebrew/bin']) {
    if (existsSync(join(dir, name))) return join(dir, name);
  }
  return null;
}

function pgEnv(url: string): NodeJS.ProcessEnv {
  const u = new URL(url);
  const env: NodeJS.ProcessEnv = {
    PGHOST: decodeURIComponent(u.hostname),
    PGPORT: u.port || '5432',
    PGUSER: decodeURIComponent(u.username) || 'postgres',
    PGDATABASE: decodeURIComponent(u.pathname.slice(1)) || 'postgres',
  };
  if (u.password) env.PGPASSWORD = decodeURIComponent(u.password);
  const ssl = u.searchParams.get('sslmode');
  if (ssl) env.PGSSLMODE = ssl;
  return env;
}

function run(name: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ ok: boolean; err: string }> {
  const cmd = tool(name);
  if (!cmd) return Promise.resolve({ ok: false, err: `${name} not found` });
  return new Promise((resolve) => {
    const cp = spawn(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    cp.stderr.on('data', (d) => {
      err += d;
    });
    cp.on('error', (e) => resolve({ ok: false, err: e.message }));
    cp.on('close', (code) => resolve({ ok: code === 0, err: err.trim() }));
  });
}

/** Writes a custom-format dump; false when pg_dump is missing or cannot dump this server (older than it). */
export async function pgDump(url: string, file: string): Promise<boolean> {
  return (
    await run('pg_dump', ['--format=custom', '--no-owner', '--no-privileges', `--file=${file}`], pgEnv(url))
  ).ok;
}

export async function hasPgRestore(): Promise<boolean> {
  return (await run('pg_restore', ['--version'], {})).ok;
}

/** Restores a dump into an empty database, in one transaction (all or nothing). */
export async function pgRestore(url: string, file: string): Promise<void> {
  const r = await run(
    'pg_restore',
    [
      '--no-owner',
      '--no-privileges',
      '--single-transaction',
      '--exit-on-error',
      `--dbname=${pgEnv(url).PGDATABASE}`,
      file,
    ],
    pgEnv(url),
  );
  if (!r.ok) throw new Error(`pg_restore failed: ${r.err}`);
}
