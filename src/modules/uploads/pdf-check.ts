import { open } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';

/**
 * pdf-lib parses on the thread that calls it: a one-page PDF padded with 19 MB of random bytes kept
 * the event loop busy for minutes, stalling check-in and live rooms of every event. Each uploaded PDF is
 * read in a worker thread instead, killed after `PDF_CHECK_MS`; a real deck of slides parses in well
 * under a second because its streams declare their lengths. The worker is a script string (as in
 * src/db/checkpointer.ts) so the same code runs from `src/` and `dist/`.
 */
export const PDF_CHECK_MS = 5_000;
/** Workers at once: each may take a core for up to PDF_CHECK_MS; the rest wait their turn. */
const MAX_WORKERS = 2;

const WORKER = `
// On Linux a nice value is per thread: this worker yields the CPU to the event loop on a busy machine.
try { require('node:os').setPriority(19); } catch {}
const { workerData, parentPort } = require('node:worker_threads');
const { readFileSync } = require('node:fs');
const { PDFDocument } = require(workerData.module);
const bytes = workerData.data ?? readFileSync(workerData.path);
PDFDocument.load(bytes, { updateMetadata: false, ignoreEncryption: true }).then(
  (doc) => parentPort.postMessage({ pages: doc.getPageCount() }),
  () => parentPort.postMessage({ pages: 0 }),
);
`;

/** `ok` with its page count, or why not: not a PDF pdf-lib reads, or not read within the time limit. */
type PdfCheck = { verdict: 'ok'; pages: number } | { verdict: 'invalid' | 'timeout' };
type Source = { path: string } | { data: Uint8Array };

const framed = (head: Uint8Array, tail: Uint8Array) =>
  Buffer.from(head).toString('latin1') === '%PDF-' && Buffer.from(tail).toString('latin1').includes('%%EOF');

/** Starts with `%PDF-` and ends with `%%EOF` (in its last KB): checked on a few bytes, before any parse. */
async function looksLikePdf(src: Source): Promise<boolean> {
  if ('data' in src)
    return framed(src.data.subarray(0, 5), src.data.subarray(Math.max(0, src.data.length - 1024)));
  const fh = await open(src.path, 'r');
  try {
    const { size } = await fh.stat();
    const head = Buffer.alloc(5);
    await fh.read(head, 0, 5, 0);
    const tailLen = Math.min(size, 1024);
    const tail = Buffer.alloc(tailLen);
    await fh.read(tail, 0, tailLen, size - tailLen);
    return framed(head, tail);
  } finally {
    await fh.close();
  }
}

// Process-wide on purpose: the cap is on this process's cores, whichever event or request uploads.
let running = 0;
const waiting: (() => void)[] = [];

async function inWorker(src: Source, timeMs: number): Promise<PdfCheck> {
  if (running >= MAX_WORKERS) await new Promise<void>((r) => waiting.push(r));
  running++;
  try {
    const module = createRequire(import.meta.url).resolve('pdf-lib');
    const worker = new Worker(WORKER, { eval: true, workerData: { ...src, module } });
    return await new Promise<PdfCheck>((resolve) => {
      const timer = setTimeout(() => {
        resolve({ verdict: 'timeout' });
        void worker.terminate();
      }, timeMs);
      worker.once('message', (m: { pages: number }) => {
        clearTimeout(timer);
        resolve(m.pages > 0 ? { verdict: 'ok', pages: m.pages } : { verdict: 'invalid' });
        void worker.terminate();
      });
      worker.once('error', () => {
        clearTimeout(timer);
        resolve({ verdict: 'invalid' });
      });
    });
  } finally {
    running--;
    waiting.shift()?.();
  }
}

/** Whether a file (on disk, or in memory) is a PDF pdf-lib can read, and its pages (materials, certificate backgrounds). */
export async function checkPdf(src: Source, timeMs = PDF_CHECK_MS): Promise<PdfCheck> {
  if (!(await looksLikePdf(src))) return { verdict: 'invalid' };
  return inWorker(src, timeMs);
}
