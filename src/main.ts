import { buildApp } from './app.js';
import { ConfigError, loadConfig, operatorLocale } from './config.js';

const locale = operatorLocale();
let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (err) {
  // A setting that cannot be used is the operator's to fix: its name and the reason, not a stack trace.
  if (!(err instanceof ConfigError)) throw err;
  console.error(`\n  ${err.message}\n`);
  process.exit(2);
}
const app = await buildApp(config);

const token = await app.ctx.services.auth.ensureSetupToken();
await app.listen({ port: config.port, host: config.host });
const url = config.publicUrl;
const said = {
  id: {
    running: `Aula berjalan di ${url}`,
    setup: 'Pertama kali: buat akun administrator di sini (tautan sekali pakai):',
  },
  en: {
    running: `Aula is running at ${url}`,
    setup: 'First start: create the administrator account here (one-time link):',
  },
}[locale];
console.log(
  token ? `\n  ${said.running}\n  ${said.setup}\n  ${url}/setup?token=${token}\n` : `\n  ${said.running}\n`,
);

// Scheduled backups (BACKUP_DIR): the first an hour after the start, then one a day. Set it on one node only.
if (config.backup) {
  const { scheduledBackup } = await import('./ops/backup.js');
  const run = () =>
    scheduledBackup(config).then(
      (name) => app.log.info({ backup: name }, 'scheduled backup written'),
      (err: unknown) => app.log.error({ err }, 'scheduled backup failed'),
    );
  setTimeout(() => {
    void run();
    setInterval(run, 24 * 3600_000).unref();
  }, 3600_000).unref();
}

// Graceful shutdown (SIGTERM from systemd, Docker or a rolling restart; SIGINT is Ctrl-C): stop accepting,
// tell live clients to reconnect (they resume on another node or after the restart), finish the requests
// in flight, close the database cleanly. Queued jobs stay in the database for the next start. A request
// that is not done in 10 s is cut off: the process manager's own kill comes soon after anyway.
const GRACE_MS = 10_000;
let stopping = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down: finishing requests in flight');
    setTimeout(() => {
      app.log.warn(`requests still running after ${GRACE_MS / 1000} s: exiting anyway`);
      process.exit(1);
    }, GRACE_MS).unref();
    app.close().then(
      () => process.exit(0),
      (err: unknown) => {
        app.log.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  });
}
