import { buildApp } from './app.js';
import { loadConfig } from './config.js';

const config = loadConfig();
const app = await buildApp(config);

const token = await app.ctx.services.auth.ensureSetupToken();
await app.listen({ port: config.port, host: config.host });
const shownUrl = config.publicUrl;
if (token) {
  console.log(
    `\n  Aula is running at ${shownUrl}\n  First start: create the administrator account here (one-time link):\n  ${shownUrl}/setup?token=${token}\n`,
  );
} else {
  console.log(`\n  Aula is running at ${shownUrl}\n`);
}

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
