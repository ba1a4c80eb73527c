// `npm run bench -- checkin`: 20 door phones scanning at once against one Aula node, then one phone
// syncing a queue of 1,000 offline scans. The baseline is measured in the same run on the same
// database: the raw conditional update a check-in boils down to
// (`UPDATE … SET checked_in_at = ? WHERE token = ? AND checked_in_at IS NULL RETURNING id`).
// On SQLite by default; BENCH_PG_URL=postgres://… runs the node and the baseline on PostgreSQL.
import { fork } from 'node:child_process';
import autocannon from 'autocannon';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { newId, newSecretToken } from '../src/shared/ids.js';

const DURATION = Number(process.env.BENCH_SECONDS ?? 10);
const SCANNERS = 20;

async function rawRateSqlite(path: string, seconds: number): Promise<number> {
  const db = new SQLite(path);
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec('CREATE TABLE raw_checkin (id text primary key, token text not null unique, checked_in_at bigint)');
  const ins = db.prepare('INSERT INTO raw_checkin (id, token) VALUES (?, ?)');
  const tokens = Array.from({ length: 300_000 }, () => newSecretToken());
  db.transaction(() => {
    for (const t of tokens) ins.run(newId(), t);
  })();
  const upd = db.prepare(
    'UPDATE raw_checkin SET checked_in_at = ? WHERE token = ? AND checked_in_at IS NULL RETURNING id',
  );
  let n = 0;
  const end = performance.now() + seconds * 1000;
  while (performance.now() < end && n < tokens.length) upd.get(Date.now(), tokens[n++]);
  const rate = n / seconds;
  db.exec('DROP TABLE raw_checkin');
  db.close();
  return rate;
}

async function rawRatePg(url: string, seconds: number): Promise<number> {
  const pool = new pg.Pool({ connectionString: url, max: 10 });
  pool.on('error', () => {});
  await pool.query(
    'CREATE TABLE IF NOT EXISTS raw_checkin (id text primary key, token text not null unique, checked_in_at bigint)',
  );
  await pool.query('TRUNCATE raw_checkin');
  const tokens = Array.from({ length: 100_000 }, () => newSecretToken());
  for (let i = 0; i < tokens.length; i += 5000) {
    const chunk = tokens.slice(i, i + 5000);
    await pool.query('INSERT INTO raw_checkin (id, token) SELECT * FROM unnest($1::text[], $2::text[])', [
      chunk.map(() => newId()),
      chunk,
    ]);
  }
  let n = 0;
  const end = performance.now() + seconds * 1000;
  await Promise.all(
    Array.from({ length: SCANNERS }, async () => {
      while (performance.now() < end && n < tokens.length) {
        await pool.query(
          'UPDATE raw_checkin SET checked_in_at = $1 WHERE token = $2 AND checked_in_at IS NULL RETURNING id',
          [Date.now(), tokens[n++]],
        );
      }
    }),
  );
  await pool.query('DROP TABLE raw_checkin');
  await pool.end();
  return n / seconds;
}

const child = fork(new URL('./_checkin-server.ts', import.meta.url).pathname, [], {
  execArgv: [
    '--import',
    'tsx',
    ...(process.env.BENCH_PROF ? ['--cpu-prof', `--cpu-prof-dir=${process.env.BENCH_PROF}`] : []),
  ],
  env: { ...process.env, NODE_ENV: 'production' },
});
const ready = await new Promise<{
  port: number;
  eventId: string;
  token: string;
  codes: string[];
  sqlitePath: string | null;
  pgUrl?: string;
}>((resolve, reject) => {
  child.once('message', (m) => resolve(m as never));
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const base = `http://127.0.0.1:${ready.port}`;
const api = `/api/v1/events/${ready.eventId}`;
// What the door page on a staff phone sends (the check-in island's fetch from Chrome on Android).
const PHONE = {
  'accept-encoding': 'br, gzip',
  'accept-language': 'id-ID,id;q=0.9',
  'user-agent':
    'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
const { 'accept-encoding': _, ...IDENTITY } = PHONE;
const apiHeaders = {
  'content-type': 'application/json',
  accept: 'application/json',
  authorization: `Bearer ${ready.token}`,
};
const headers = { ...PHONE, ...apiHeaders };

// 1. Twenty scanners; one scan in ten is a repeat (the person shows the ticket twice, or two doors).
// With the phone's headers (the figure), then a shorter run without Accept-Encoding (the identity path, a
// second figure only); the tickets go on from where the first run stopped, so both see first arrivals.
const codes = ready.codes;
const syncCodes = codes.splice(codes.length - 1000);
let next = 0;
let firsts = 0;
let repeats = 0;
const other = new Map<string, number>();
let firstError = '';
const scanRun = (duration: number, h: Record<string, string>) =>
  autocannon({
    url: base,
    connections: SCANNERS,
    duration,
    requests: [
      {
        method: 'POST',
        path: `${api}/checkins`,
        headers: h,
        setupRequest: (req) => {
          const n = next++;
          const code = n % 10 === 9 && n > 20 ? codes[n - 15]! : codes[n % codes.length]!;
          req.body = JSON.stringify({ ticketCode: code, device: `hp-${n % SCANNERS}` });
          return req;
        },
        onResponse: (status, body) => {
          if (status >= 400 && !firstError) firstError = body;
          if (status === 201) firsts++;
          else if (status === 200) repeats++;
          else other.set(String(status), (other.get(String(status)) ?? 0) + 1);
        },
      },
    ],
  });
const result = await scanRun(DURATION, headers);
const scansPerSec = result.requests.average;
const p99Ms = result.latency.p99;
const errors = result.non2xx + result.errors;
const identity = await scanRun(Math.max(2, Math.round(DURATION / 3)), { ...IDENTITY, ...apiHeaders });

// 2. One phone back online with 1,000 queued scans, sent in the page's chunks of 200.
const scannedAt = Date.now() - 60_000;
const t0 = performance.now();
let synced = 0;
for (let i = 0; i < syncCodes.length; i += 200) {
  const r = await fetch(`${base}${api}/checkins/sync`, {
    method: 'POST',
    headers,
    body: JSON.stringify({
      device: 'hp-offline',
      scans: syncCodes
        .slice(i, i + 200)
        .map((c, k) => ({ scanId: `offline-${i + k}-${newId()}`, ticketCode: c, scannedAt })),
    }),
  });
  const body = (await r.json()) as { results: { first?: boolean }[] };
  synced += body.results.filter((x) => x.first).length;
}
const sync1000Ms = performance.now() - t0;

const stats = (await (await fetch(`${base}${api}/attendance/summary`, { headers })).json()) as {
  present: { onsite: number };
};
child.send('stop');
await new Promise((r) => child.once('message', r));

// 3. The raw conditional update on the same database, in the same run.
const raw = ready.sqlitePath ? await rawRateSqlite(ready.sqlitePath, 2) : await rawRatePg(ready.pgUrl!, 5);
child.send('drop');
await new Promise((r) => child.once('exit', r));

const engine = ready.sqlitePath ? 'SQLite' : 'PostgreSQL';
console.log(
  `engine: ${engine}, ${SCANNERS} scanners, ${DURATION} s, phone headers (accept-encoding: br, gzip; accept-language: id-ID)`,
);
console.log(
  `scans: ${Math.round(scansPerSec)}/s (both runs: first arrivals ${firsts}, repeats ${repeats}, errors ${errors}), p50 ${result.latency.p50} ms, p99 ${p99Ms} ms`,
);
if (other.size)
  console.log(
    `other answers: ${JSON.stringify(Object.fromEntries(other))}, e.g. ${firstError.slice(0, 200)}`,
  );
console.log(
  `identity path (no accept-encoding, second figure only): ${Math.round(identity.requests.average)}/s, p50 ${identity.latency.p50} ms, p99 ${identity.latency.p99} ms`,
);
console.log(`offline queue of 1,000 scans synced in ${Math.round(sync1000Ms)} ms (${synced} arrivals)`);
console.log(
  `present in the hall after the run: ${stats.present.onsite} (= ${firsts} first scans + ${synced} synced + ${stats.present.onsite - firsts - synced} in flight at the deadline)`,
);
console.log(
  `raw conditional update (${engine}${ready.sqlitePath ? ', one connection' : `, ${SCANNERS} concurrent`}): ${Math.round(raw)}/s`,
);
// Up to one request per scanner and run is still in flight when autocannon stops counting: it lands, once.
const inFlight = stats.present.onsite - firsts - synced;
if (inFlight < 0 || inFlight > 2 * SCANNERS)
  console.log('WARNING: the hall count does not match the first arrivals');
console.log(
  JSON.stringify({
    bench: 'checkin',
    engine,
    scansPerSec: Math.round(scansPerSec),
    p99Ms,
    identityScansPerSec: Math.round(identity.requests.average),
    sync1000Ms: Math.round(sync1000Ms),
    rawUpdatesPerSec: Math.round(raw),
    ratio: Number((scansPerSec / raw).toFixed(3)),
  }),
);
