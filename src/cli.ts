import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { buildApp } from './app.js';
import { loadConfig } from './config.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { validationError } from './http/validation.js';
import { GLOBAL_ROLES } from './modules/auth/index.js';
import { BackupError } from './ops/backup.js';

const HELP = `Aula command line

  aula user add --email E --password P [--name N] [--role admin|organizer|moderator|checkin]
  aula token create --email E [--name N]      prints an API token (Authorization: Bearer …)
  aula demo [--email E]                       loads the seed seminar as a demo event
  aula retention run                          erases personal data of events past their retention period
  aula backup --out FILE                      writes a backup (database, uploads, generated files) while the server runs
  aula restore FILE [--force]                 restores a backup into an empty DATA_DIR and DATABASE_URL
                                              (a SQLite backup restores into PostgreSQL: the way to grow)

Uses the same DATABASE_URL and DATA_DIR as the server.`;

type Command = (args: string[]) => Promise<number>;

/**
 * Runs a command against the app as the server builds it (migrated database, services, bus and its
 * handlers), without listening: a command's effects are the same as the same action on the server.
 */
async function withApp<T>(fn: (ctx: AppContext) => Promise<T>): Promise<T> {
  const app = await buildApp(loadConfig(), { logger: false });
  try {
    return await fn(app.ctx);
  } finally {
    await app.close();
  }
}

const commands: Record<string, Command> = {
  async 'user add'(args) {
    const { values } = parseArgs({
      args,
      options: {
        email: { type: 'string' },
        password: { type: 'string' },
        name: { type: 'string' },
        role: { type: 'string' },
      },
    });
    if (!values.email || !values.password) {
      console.error('aula user add needs --email and --password');
      return 2;
    }
    const role = (values.role ?? 'organizer') as (typeof GLOBAL_ROLES)[number];
    if (!GLOBAL_ROLES.includes(role)) {
      console.error(`--role must be one of ${GLOBAL_ROLES.join(', ')}`);
      return 2;
    }
    const user = await withApp(({ services }) =>
      services.auth.createUser({
        email: values.email!,
        password: values.password!,
        name: values.name,
        role,
      }),
    );
    console.log(`User ${user.email} created with role ${user.role}.`);
    return 0;
  },
  async 'token create'(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
    if (!values.email) {
      console.error('aula token create needs --email');
      return 2;
    }
    console.log(
      await withApp(({ services }) => services.auth.createApiToken(values.email!, values.name ?? 'cli')),
    );
    return 0;
  },
  async demo(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' } } });
    const config = loadConfig();
    const result = await withApp(({ services }) =>
      services.demo.load({ ownerEmail: values.email ?? null, dataDir: config.dataDir }),
    );
    console.log(`Demo event ready: ${config.publicUrl}/e/${result.slug}`);
    return 0;
  },
  async 'retention run'() {
    const r = await withApp(({ services }) => services.privacy.runRetention());
    console.log(`Retention: ${r.registrations} registrations erased in ${r.events} events.`);
    return 0;
  },
  async backup(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out) {
      console.error('aula backup needs --out FILE (e.g. --out aula-2026-12-07.tar.gz)');
      return 2;
    }
    const { createBackup } = await import('./ops/backup.js');
    const r = await createBackup(loadConfig(), values.out);
    console.log(`Backup written: ${r.file} (${(r.bytes / 1e6).toFixed(1)} MB, ${r.files} files).`);
    return 0;
  },
  async restore(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { force: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) {
      console.error('aula restore needs the backup file: aula restore FILE [--force]');
      return 2;
    }
    const { restoreBackup } = await import('./ops/restore.js');
    const r = await restoreBackup(loadConfig(), positionals[0]!, { force: values.force === true });
    console.log(`Restored the ${r.from}: ${r.rows} rows, ${r.files} files. Start the server as usual.`);
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  const key = commands[`${argv[0]} ${argv[1]}`] ? `${argv[0]} ${argv[1]}` : argv[0];
  const cmd = key ? commands[key] : undefined;
  if (!cmd) {
    console.log(HELP);
    return argv.length ? 2 : 0;
  }
  try {
    return await cmd(argv.slice(key!.split(' ').length));
  } catch (err) {
    if (err instanceof AppError) {
      console.error(err.text.en);
      return 1;
    }
    if (err instanceof BackupError) {
      console.error(err.message);
      return 1;
    }
    if (err instanceof ZodError) {
      console.error(validationError(err.issues).text.en);
      return 2;
    }
    throw err;
  }
}

// Run as a script too (`npx tsx src/cli.ts user add …` while developing), not only through bin/aula.cjs, which
// imports main() from the build; imported by a test, this does nothing.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
