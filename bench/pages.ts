// `npm run bench -- pages`: requests per second of the public event page and of GET /api/v1/events,
// against a plain Fastify route returning a constant, measured in the same run (autocannon, 50
// connections). The servers run in a child process; the last line is JSON with `ratio`
// (event page / plain). BENCH_SECONDS sets the duration of each measurement (default 10).
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 10);
const root = join(import.meta.dirname, '..');
const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', '_pages-server.ts')], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout! });
const [first] = (await once(lines, 'line')) as [string];
const { app, plain, slug } = JSON.parse(first) as { app: number; plain: number; slug: string };

async function measure(name: string, url: string, expectBody: string): Promise<number> {
  const check = await fetch(url);
  const body = await check.text();
  if (check.status !== 200 || !body.includes(expectBody))
    throw new Error(`${name}: unexpected answer ${check.status}`);
  await autocannon({ url, connections: 50, duration: 1 }); // warm-up (JIT, caches)
  const r = await autocannon({ url, connections: 50, duration: seconds });
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  const rps = Math.round(r.requests.average);
  console.log(
    `${name.padEnd(22)} ${String(rps).padStart(7)} req/s   p50 ${r.latency.p50} ms   p99 ${r.latency.p99} ms   ${(body.length / 1024).toFixed(1)} KB/answer`,
  );
  return rps;
}

try {
  console.log(`pages bench: ${seconds} s per route, 50 connections, SQLite, demo event "${slug}"`);
  const plainPerSec = await measure('plain Fastify route', `http://127.0.0.1:${plain}/plain`, 'ok');
  const eventPagePerSec = await measure(
    'event page /e/:slug',
    `http://127.0.0.1:${app}/e/${slug}`,
    'Kamis, 30 Desember 2021',
  );
  const eventsApiPerSec = await measure('GET /api/v1/events', `http://127.0.0.1:${app}/api/v1/events`, slug);
  const ratio = Math.round((eventPagePerSec / plainPerSec) * 1000) / 1000;
  console.log(
    `event page / plain = ${ratio} (goal ≥ 0.25); events API / plain = ${(eventsApiPerSec / plainPerSec).toFixed(3)}`,
  );
  console.log(JSON.stringify({ bench: 'pages', eventPagePerSec, eventsApiPerSec, plainPerSec, ratio }));
} finally {
  child.kill('SIGTERM');
}
