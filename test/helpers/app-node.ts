/**
 * One Aula node as a process of its own (configured by its environment), for tests that kill a node with
 * SIGKILL mid-work and start another. Prints "ready" once its worker runs.
 */
import { buildApp } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';

const app = await buildApp(loadConfig(process.env), { logger: false });
await app.ready();
process.stdout.write('ready\n');
process.on('SIGTERM', () => {
  void app.close().then(() => process.exit(0));
});
