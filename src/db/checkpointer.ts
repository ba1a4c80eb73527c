import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * SQLite in WAL mode copies the log back into the database file ("checkpoint") every 1,000 pages, inside the
 * commit that crosses the mark — on the event loop, so one registration in a surge waited for the copy (the p99
 * of `npm run bench -- registration`). Here a worker thread with its own connection runs PASSIVE checkpoints on a
 * timer and the app's connection never checkpoints: PASSIVE never blocks the writer, which keeps appending to the
 * log while pages are copied, and the log restarts from its beginning once a checkpoint has caught up.
 *
 * The worker is a script string (not a file) so that the same code runs from `src/` under tsx and vitest and from
 * `dist/`; it loads better-sqlite3 from the path this module resolves, not from the working directory.
 */
const WORKER = `
const { workerData, parentPort } = require('node:worker_threads');
const Database = require(workerData.module);
const db = new Database(workerData.path);
db.pragma('busy_timeout = 1000');
const tick = () => {
  try { db.pragma('wal_checkpoint(PASSIVE)'); } catch (e) { parentPort.postMessage({ error: String(e && e.message || e) }); }
};
const timer = setInterval(tick, workerData.everyMs);
parentPort.on('message', (m) => {
  if (m !== 'stop') return;
  clearInterval(timer);
  tick();
  db.close();
  parentPort.postMessage({ stopped: true });
});
parentPort.postMessage({ ready: true });
`;

interface Checkpointer {
  stop(): Promise<void>;
}

/**
 * Starts the checkpoint worker for the SQLite file at `path`. If the worker cannot start or dies, `fallback` is
 * called so the app's own connection checkpoints again (the log must never grow without bound).
 */
export function startCheckpointer(path: string, fallback: () => void, everyMs = 250): Checkpointer {
  const module = createRequire(import.meta.url).resolve('better-sqlite3');
  const worker = new Worker(WORKER, { eval: true, workerData: { path, module, everyMs } });
  let stopped = false;
  let done: (() => void) | null = null;
  worker.unref();
  worker.on('message', (m: { stopped?: boolean; error?: string }) => {
    if (m.stopped) done?.();
  });
  worker.on('error', () => {
    if (!stopped) fallback();
  });
  worker.on('exit', () => {
    if (!stopped) fallback();
    done?.();
  });
  return {
    stop() {
      if (stopped) return Promise.resolve();
      stopped = true;
      // Held until the last checkpoint is done, even where nothing else keeps the process alive (a CLI command).
      worker.ref();
      return new Promise<void>((resolve) => {
        done = () => {
          done = null;
          void worker.terminate().then(() => resolve());
        };
        worker.postMessage('stop');
      });
    },
  };
}
