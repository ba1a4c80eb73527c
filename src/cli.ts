import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ZodError } from 'zod';
import { buildApp } from './app.js';
import { ConfigError, loadConfig, operatorLocale } from './config.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { validationError } from './http/validation.js';
import type { Locale, Text } from './i18n/index.js';
import { GLOBAL_ROLES } from './modules/auth/index.js';
import { BackupError } from './ops/backup.js';

const HELP: Text = {
  id: `Baris perintah Aula

  aula user add --email E --password P [--name N] [--role admin|organizer|moderator|checkin]
  aula token create --email E [--name N]      mencetak token API (Authorization: Bearer …)
  aula demo [--email E]                       memuat seminar contoh sebagai acara demo
  aula retention run                          menghapus data pribadi acara yang masa simpannya sudah lewat
  aula backup --out BERKAS                    menulis cadangan (basis data, unggahan, berkas yang dibuat) saat server berjalan
  aula restore BERKAS [--force]               memulihkan cadangan ke DATA_DIR dan DATABASE_URL yang kosong
                                              (cadangan SQLite dapat dipulihkan ke PostgreSQL: cara untuk tumbuh)

Memakai DATABASE_URL dan DATA_DIR yang sama dengan server. In English: AULA_LANG=en aula …`,
  en: `Aula command line

  aula user add --email E --password P [--name N] [--role admin|organizer|moderator|checkin]
  aula token create --email E [--name N]      prints an API token (Authorization: Bearer …)
  aula demo [--email E]                       loads the seed seminar as a demo event
  aula retention run                          erases personal data of events past their retention period
  aula backup --out FILE                      writes a backup (database, uploads, generated files) while the server runs
  aula restore FILE [--force]                 restores a backup into an empty DATA_DIR and DATABASE_URL
                                              (a SQLite backup restores into PostgreSQL: the way to grow)

Uses the same DATABASE_URL and DATA_DIR as the server. Dalam bahasa Indonesia: AULA_LANG=id aula …`,
};

let locale: Locale = 'id';
const say = (text: Text) => console.log(text[locale]);
const complain = (text: Text) => console.error(text[locale]);

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
      complain({
        id: 'aula user add memerlukan --email dan --password',
        en: 'aula user add needs --email and --password',
      });
      return 2;
    }
    const role = (values.role ?? 'organizer') as (typeof GLOBAL_ROLES)[number];
    if (!GLOBAL_ROLES.includes(role)) {
      const roles = GLOBAL_ROLES.join(', ');
      complain({ id: `--role harus salah satu dari ${roles}`, en: `--role must be one of ${roles}` });
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
    say({
      id: `Pengguna ${user.email} dibuat dengan peran ${user.role}.`,
      en: `User ${user.email} created with role ${user.role}.`,
    });
    return 0;
  },
  async 'token create'(args) {
    const { values } = parseArgs({ args, options: { email: { type: 'string' }, name: { type: 'string' } } });
    if (!values.email) {
      complain({ id: 'aula token create memerlukan --email', en: 'aula token create needs --email' });
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
    const url = `${config.publicUrl}/e/${result.slug}`;
    say({ id: `Acara demo siap: ${url}`, en: `Demo event ready: ${url}` });
    return 0;
  },
  async 'retention run'() {
    const r = await withApp(({ services }) => services.privacy.runRetention());
    say({
      id: `Masa simpan: data ${r.registrations} pendaftaran dihapus dari ${r.events} acara.`,
      en: `Retention: ${r.registrations} registrations erased in ${r.events} events.`,
    });
    return 0;
  },
  async backup(args) {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } } });
    if (!values.out) {
      complain({
        id: 'aula backup memerlukan --out BERKAS (mis. --out aula-2026-12-07.tar.gz)',
        en: 'aula backup needs --out FILE (e.g. --out aula-2026-12-07.tar.gz)',
      });
      return 2;
    }
    const { createBackup } = await import('./ops/backup.js');
    const r = await createBackup(loadConfig(), values.out);
    const mb = (l: string) =>
      (r.bytes / 1e6).toLocaleString(l, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
    say({
      id: `Cadangan ditulis: ${r.file} (${mb('id-ID')} MB, ${r.files} berkas).`,
      en: `Backup written: ${r.file} (${mb('en-GB')} MB, ${r.files} files).`,
    });
    return 0;
  },
  async restore(args) {
    const { values, positionals } = parseArgs({
      args,
      options: { force: { type: 'boolean' } },
      allowPositionals: true,
    });
    if (positionals.length !== 1) {
      complain({
        id: 'aula restore memerlukan berkas cadangan: aula restore BERKAS [--force]',
        en: 'aula restore needs the backup file: aula restore FILE [--force]',
      });
      return 2;
    }
    const { restoreBackup } = await import('./ops/restore.js');
    const r = await restoreBackup(loadConfig(), positionals[0]!, { force: values.force === true });
    const { engine, createdAt, aulaVersion } = r.from;
    say({
      id: `Cadangan ${engine} dari ${createdAt} (Aula ${aulaVersion}) dipulihkan: ${r.rows} baris, ${r.files} berkas. Jalankan server seperti biasa.`,
      en: `Restored the ${engine} backup of ${createdAt} (Aula ${aulaVersion}): ${r.rows} rows, ${r.files} files. Start the server as usual.`,
    });
    return 0;
  },
};

export async function main(argv: string[]): Promise<number> {
  locale = operatorLocale();
  const key = commands[`${argv[0]} ${argv[1]}`] ? `${argv[0]} ${argv[1]}` : argv[0];
  const cmd = key ? commands[key] : undefined;
  if (!cmd) {
    say(HELP);
    return argv.length ? 2 : 0;
  }
  try {
    return await cmd(argv.slice(key!.split(' ').length));
  } catch (err) {
    if (err instanceof AppError || err instanceof BackupError) {
      complain(err.text);
      return 1;
    }
    if (err instanceof ConfigError) {
      console.error(err.message);
      return 2;
    }
    if (err instanceof ZodError) {
      complain(validationError(err.issues).text);
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
