// `npm run bench -- pages`: requests per second of the public event page and of GET /api/v1/events
// (anonymous, which is cached, and as a logged-in team moderator of 31 events, which never is), against
// a plain Fastify route returning a constant, measured in the same run (autocannon, 50 connections).
// The servers run in a child process; the last line is JSON with `ratio` (event page / plain). The
// machine is shared and noisy, so the routes are measured in turn for
// BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each (default 5), and medians are reported.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import autocannon from 'autocannon';

const seconds = Number(process.env.BENCH_SECONDS ?? 5);
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
const root = join(import.meta.dirname, '..');
const child = spawn(join(root, 'node_modules', '.bin', 'tsx'), [join(root, 'bench', '_pages-server.ts')], {
  cwd: root,
  env: { ...process.env, NODE_ENV: 'production' },
  stdio: ['ignore', 'pipe', 'inherit'],
});
const lines = createInterface({ input: child.stdout! });
const [first] = (await once(lines, 'line')) as [string];
const { app, plain, slug, token } = JSON.parse(first) as {
  app: number;
  plain: number;
  slug: string;
  token: string;
};

async function check(
  name: string,
  url: string,
  expectBody: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const answer = await fetch(url, { headers });
  const body = await answer.text();
  if (answer.status !== 200 || !body.includes(expectBody))
    throw new Error(`${name}: unexpected answer ${answer.status}`);
  await autocannon({ url, headers, connections: 50, duration: 1 }); // warm-up (JIT, caches)
  return body.length;
}

async function measure(
  name: string,
  url: string,
  headers: Record<string, string> = {},
): Promise<{ rps: number; p99: number }> {
  const r = await autocannon({ url, headers, connections: 50, duration: seconds });
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return { rps: Math.round(r.requests.average), p99: r.latency.p99 };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  console.log(
    `pages bench: ${rounds} rounds × ${seconds} s per route, 50 connections, SQLite, demo event "${slug}"`,
  );
  const routes = [
    { key: 'plain', name: 'plain Fastify route', url: `http://127.0.0.1:${plain}/plain`, expect: 'ok' },
    {
      key: 'page',
      name: 'event page /e/:slug',
      url: `http://127.0.0.1:${app}/e/${slug}`,
      expect: 'Kamis, 30 Desember 2021',
    },
    { key: 'api', name: 'GET /api/v1/events', url: `http://127.0.0.1:${app}/api/v1/events`, expect: slug },
    {
      key: 'apiUser',
      name: 'GET /api/v1/events (moderator, 31 events)',
      url: `http://127.0.0.1:${app}/api/v1/events`,
      expect: 'https://zoom.us/j/',
      headers: { authorization: `Bearer ${token}` },
    },
  ] as const;
  const sizes = new Map<string, number>();
  const headersOf = (r: (typeof routes)[number]) => ('headers' in r ? r.headers : {});
  for (const r of routes) sizes.set(r.key, await check(r.name, r.url, r.expect, headersOf(r)));
  const runs = new Map<string, { rps: number; p99: number }[]>(routes.map((r) => [r.key, []]));
  for (let i = 0; i < rounds; i++) {
    for (const r of routes) runs.get(r.key)!.push(await measure(r.name, r.url, headersOf(r)));
  }
  const result = new Map<string, number>();
  for (const r of routes) {
    const xs = runs.get(r.key)!;
    const rps = median(xs.map((x) => x.rps));
    result.set(r.key, rps);
    console.log(
      `${r.name.padEnd(40)} ${String(rps).padStart(7)} req/s (runs ${xs.map((x) => x.rps).join(', ')})   p99 ${median(xs.map((x) => x.p99))} ms   ${((sizes.get(r.key) ?? 0) / 1024).toFixed(1)} KB/answer`,
    );
  }
  const plainPerSec = result.get('plain')!;
  const eventPagePerSec = result.get('page')!;
  const eventsApiPerSec = result.get('api')!;
  const eventsApiUserPerSec = result.get('apiUser')!;
  const ratio = Math.round((eventPagePerSec / plainPerSec) * 1000) / 1000;
  console.log(
    `event page / plain = ${ratio} (goal ≥ 0.25); events API / plain = ${(eventsApiPerSec / plainPerSec).toFixed(3)} (anonymous, cached), ${(eventsApiUserPerSec / plainPerSec).toFixed(3)} (logged in)`,
  );
  console.log(
    JSON.stringify({
      bench: 'pages',
      eventPagePerSec,
      eventsApiPerSec,
      eventsApiUserPerSec,
      plainPerSec,
      ratio,
    }),
  );
} finally {
  child.kill('SIGTERM');
}
