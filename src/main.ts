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

// Graceful shutdown: stop accepting, finish in-flight requests, close the database cleanly.
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    app.log.info({ signal }, 'shutting down');
    app.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  });
}
