// `npm run bench -- pages`: requests per second of the public pages as a phone's browser asks for
// them — `accept-encoding: br, gzip`, `accept-language: id-ID`, a mobile Chrome user-agent and the one
// cookie an anonymous visitor has (`lang`) — against `/api/health` of the same app with the same
// headers, measured in the same run (autocannon, 50 connections). Measured: the event page, the home
// page, GET /api/v1/events (anonymous, which is cached, and as a logged-in team moderator of 31
// events, which never is). The identity path (no Accept-Encoding, what no browser takes) is reported
// apart, as a second figure. The servers run in a child process; the last line is JSON with `ratio`
// (event page / health, both with the browser headers) and `plainRatio` (event page / the plain
// Fastify route of the same child). The machine is shared and noisy, so the routes are measured in
// turn for BENCH_ROUNDS rounds (default 3) of BENCH_SECONDS each (default 5), and medians are reported.
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

/** What Chrome on an Android phone sends for an anonymous visit that already chose its language. */
const BROWSER = {
  'accept-encoding': 'br, gzip',
  'accept-language': 'id-ID,id;q=0.9',
  'user-agent':
    'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
  accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8',
  cookie: 'lang=id',
};
// Spelled out: fetch (the check) would add its own Accept-Encoding to a request without one.
const IDENTITY = { ...BROWSER, 'accept-encoding': 'identity' };
// A logged-in API caller: the browser's headers with a bearer token instead of the cookie.
const { cookie: __, ...NO_COOKIE } = BROWSER;

async function check(
  name: string,
  url: string,
  expectBody: string,
  headers: Record<string, string>,
  encoding: string | undefined,
): Promise<void> {
  const answer = await fetch(url, { headers });
  const body = await answer.text();
  if (answer.status !== 200 || !body.includes(expectBody))
    throw new Error(`${name}: unexpected answer ${answer.status}`);
  if ((answer.headers.get('content-encoding') ?? undefined) !== encoding)
    throw new Error(
      `${name}: content-encoding ${answer.headers.get('content-encoding')}, expected ${encoding}`,
    );
  await autocannon({ url, headers, connections: 50, duration: 1 }); // warm-up (JIT, caches)
}

interface Run {
  rps: number;
  p99: number;
  /** Bytes on the wire per answer, headers included (what the phone downloads). */
  bytes: number;
}

async function measure(name: string, url: string, headers: Record<string, string>): Promise<Run> {
  const r = await autocannon({ url, headers, connections: 50, duration: seconds });
  if (r.non2xx || r.errors) throw new Error(`${name}: ${r.non2xx} non-2xx answers, ${r.errors} errors`);
  return {
    rps: Math.round(r.requests.average),
    p99: r.latency.p99,
    bytes: Math.round(r.throughput.total / Math.max(1, r.requests.total)),
  };
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  console.log(
    `pages bench: ${rounds} rounds × ${seconds} s per route, 50 connections, SQLite, demo event "${slug}", browser headers (accept-encoding: br, gzip) unless marked identity`,
  );
  const base = `http://127.0.0.1:${app}`;
  const routes = [
    { key: 'health', name: 'GET /api/health', url: `${base}/api/health`, expect: 'ok', headers: BROWSER },
    {
      key: 'page',
      name: 'event page /e/:slug',
      url: `${base}/e/${slug}`,
      expect: 'Kamis, 30 Desember 2021',
      headers: BROWSER,
      encoding: 'br',
    },
    {
      key: 'home',
      name: 'home page /',
      url: `${base}/`,
      expect: 'Seminar UMKM seri',
      headers: BROWSER,
      encoding: 'br',
    },
    {
      key: 'api',
      name: 'GET /api/v1/events',
      url: `${base}/api/v1/events`,
      expect: slug,
      headers: BROWSER,
      encoding: 'br',
    },
    {
      key: 'apiUser',
      name: 'GET /api/v1/events (moderator, 31 events)',
      url: `${base}/api/v1/events`,
      expect: 'https://zoom.us/j/',
      headers: { ...NO_COOKIE, authorization: `Bearer ${token}` },
      encoding: 'br',
    },
    {
      key: 'pageIdentity',
      name: 'event page, identity (no compression)',
      url: `${base}/e/${slug}`,
      expect: 'Kamis, 30 Desember 2021',
      headers: IDENTITY,
    },
    {
      key: 'plain',
      name: 'plain Fastify route (other process)',
      url: `http://127.0.0.1:${plain}/plain`,
      expect: 'ok',
      headers: BROWSER,
    },
  ] as const;
  for (const r of routes)
    await check(r.name, r.url, r.expect, r.headers, 'encoding' in r ? r.encoding : undefined);
  const runs = new Map<string, Run[]>(routes.map((r) => [r.key, []]));
  for (let i = 0; i < rounds; i++) {
    for (const r of routes) runs.get(r.key)!.push(await measure(r.name, r.url, r.headers));
  }
  const result = new Map<string, number>();
  for (const r of routes) {
    const xs = runs.get(r.key)!;
    const rps = median(xs.map((x) => x.rps));
    result.set(r.key, rps);
    console.log(
      `${r.name.padEnd(44)} ${String(rps).padStart(7)} req/s (runs ${xs.map((x) => x.rps).join(', ')})   p99 ${median(xs.map((x) => x.p99))} ms   ${(median(xs.map((x) => x.bytes)) / 1024).toFixed(1)} KB/answer on the wire`,
    );
  }
  const healthPerSec = result.get('health')!;
  const per = (key: string) => Math.round((result.get(key)! / healthPerSec) * 1000) / 1000;
  const ratio = per('page');
  const plainRatio = Math.round((result.get('page')! / result.get('plain')!) * 1000) / 1000;
  console.log(
    `event page / health = ${ratio} (issue 16's goal ≥ 0.5, browser headers); home / health = ${per('home')}; events API / health = ${per('api')} (anonymous, cached), ${per('apiUser')} (logged in)`,
  );
  console.log(`event page / plain Fastify route = ${plainRatio} (issue 14's goal ≥ 0.6, browser headers)`);
  console.log(
    `second figure: event page uncompressed (accept-encoding: identity) / health = ${per('pageIdentity')}`,
  );
  console.log(
    JSON.stringify({
      bench: 'pages',
      headers: 'browser',
      eventPagePerSec: result.get('page'),
      homePerSec: result.get('home'),
      eventsApiPerSec: result.get('api'),
      eventsApiUserPerSec: result.get('apiUser'),
      healthPerSec,
      plainPerSec: result.get('plain'),
      eventPageIdentityPerSec: result.get('pageIdentity'),
      identityRatio: per('pageIdentity'),
      plainRatio,
      ratio,
    }),
  );
} finally {
  child.kill('SIGTERM');
}
