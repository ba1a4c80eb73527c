// `npm run bench -- eventday [--seconds 60] [--alone 15] [--clients 5000]`
//
// The seminar's day as it happens, on one node on SQLite: the seed seminar at 50× its size (2,600 in the
// hall, 2,350 online), all at once — 5,000 live clients with 40 votes/s and a question a second, three
// door phones scanning 600 arrivals a minute, 1,000 late registrations a minute, 200 event-page views a
// second. Reported: p99 per kind and the worst; `ratio` = the live p99 measured alone in the same run (the
// same room, nothing else going on) / the live p99 on the event day. Goal: worstP99Ms < 250.
//
// Live latency is as in bench/live.ts: from an accepted vote (or question) to the moment the last of the
// 5,000 clients holds the update that carries it. Door, registration and page latencies are measured by
// the load process, from sending the request to the end of its answer.
import { type ChildProcess, fork } from 'node:child_process';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { EventRow } from '../src/modules/events/index.js';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';
import { benchNode } from './_node.js';

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const SECONDS = Number(arg('seconds', '60'));
const ALONE = Number(arg('alone', '15'));
const CLIENTS = Number(arg('clients', '5000'));
const SCALE = 50;
const HALL = 52 * SCALE;
const ONLINE = 47 * SCALE;
const VOTES_PER_SEC = 40;
const RATES = { checkinsPerMin: 600, registrationsPerMin: 1000, pagesPerSec: 200 };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => process.hrtime.bigint();
const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
};

type Reply = { ok: boolean; error?: string; [k: string]: unknown };
/** A child process and a request/response wrapper around its IPC channel. */
function child(file: string): Promise<{ cp: ChildProcess; ask: (m: object) => Promise<Reply> }> {
  const cp = fork(join(import.meta.dirname, file), [], { execArgv: ['--import', 'tsx'], stdio: 'inherit' });
  const queue: ((r: Reply) => void)[] = [];
  cp.on('message', (r: Reply) => queue.shift()?.(r));
  const ask = (m: object) =>
    new Promise<Reply>((resolve, reject) => {
      queue.push((r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
      cp.send(m);
    });
  return new Promise((resolve) => queue.push(() => resolve({ cp, ask })));
}

// The node: SQLite, sockets uncapped for one address (every bench client comes from 127.0.0.1).
const node = await benchNode('eventday', { LIVE_MAX_SOCKETS_PER_ADDRESS: String(CLIENTS * 2) });
const { app } = node;
await app.listen({ port: 0, host: '127.0.0.1' });
const base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
const qa = app.ctx.services.qa;
const rt = app.ctx.services.live.rt;

const inject = async (
  method: 'POST' | 'PATCH',
  url: string,
  payload: object,
  token = node.organizerToken,
) => {
  const r = await app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } });
  if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
  return r.json();
};
// The seed seminar, happening now: the door is open and late sign-ups still go through.
const at = (min: number) => new Date(Date.now() + min * 60_000).toISOString();
const created = await inject('POST', '/api/v1/events', {
  title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
  startsAt: at(-15),
  endsAt: at(180),
  venue: {
    name: 'Aula Kelurahan Kanigaran',
    address: 'Kota Probolinggo',
    capacity: HALL + 2 * RATES.registrationsPerMin,
  },
  online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
});
await inject('POST', `/api/v1/events/${created.id}/publish`, {});
await inject('PATCH', `/api/v1/events/${created.id}/live/settings`, { moderation: 'auto' });
const event = (await app.ctx.services.events.find(created.id)) as EventRow;
const hall = await seedRegistrations(app.ctx.db, event.id, HALL, { prefix: 'Luring' });
await seedRegistrations(app.ctx.db, event.id, ONLINE, { mode: 'online', prefix: 'Daring' });
await app.ctx.services.auth.createUser({
  email: 'door@bench.test',
  password: 'password123',
  role: 'checkin',
  name: 'Rina',
});
const doorToken = await app.ctx.services.auth.createApiToken('door@bench.test');
const team = await app.inject({
  method: 'PUT',
  url: `/api/v1/events/${event.id}/team`,
  payload: { email: 'door@bench.test', role: 'checkin' },
  headers: { authorization: `Bearer ${node.organizerToken}` },
});
if (team.statusCode !== 200) throw new Error(`team: ${team.statusCode} ${team.body}`);

/** Every update the node publishes, with what identifies the vote or question it carries. */
const published: { s: number; t: string; votes: Record<string, number> | null; qid: string | null }[] = [];
app.ctx.bus.onEveryNode('live.message', ({ message }) => {
  const m = JSON.parse((message as { staff: string }).staff) as { s: number; t: string; d: { id?: string } };
  published.push({
    s: m.s,
    t: m.t,
    votes: m.t === 'votes' ? (m.d as Record<string, number>) : null,
    qid: m.t === 'q' ? (m.d.id ?? null) : null,
  });
});

let asked = 0;
const ask = () =>
  qa.ask(
    event,
    {
      text: `Bagaimana UMKM di Kota Probolinggo bisa masuk pasar digital? (${asked})`,
      channel: asked % 2 ? 'online' : 'onsite',
      authorName: `Peserta ${asked}`,
      anonymous: false,
      ticketCode: null,
      speakerId: null,
    },
    { key: `c:eventday-asker-${asked++}`, registrationId: null, name: null },
  );

const clients = await child('_live-clients.ts');
const load = await child('_eventday-load.ts');
let voter = 0;

/** The live room for `seconds`: votes and questions at the day's rate; latency per accepted one. */
async function liveLoad(seconds: number, targets: string[]) {
  await rt.settle();
  await sleep(300);
  await clients.ask({ cmd: 'reset' });
  published.length = 0;
  const votes: { at: bigint; id: string; votes: number }[] = [];
  const questions: { at: bigint; id: string }[] = [];
  const start = now();
  const pending: Promise<unknown>[] = [];
  const windows: number[] = [];
  for (let i = 0; i < VOTES_PER_SEC * seconds; i++) {
    const wait = ms(start + BigInt(Math.round((i * 1e9) / VOTES_PER_SEC)) - now());
    if (wait > 1) await sleep(wait);
    const id = targets[i % targets.length]!;
    pending.push(
      qa
        .vote(id, { key: `c:eventday-voter-${voter++}`, registrationId: null, name: null }, true)
        .then((r) => votes.push({ at: now(), id, votes: r.votes })),
    );
    if (i % VOTES_PER_SEC === 0) {
      pending.push(ask().then((r) => questions.push({ at: now(), id: r.question.id })));
      windows.push(rt.intervalFor(event.id));
    }
  }
  await Promise.all(pending);
  await rt.settle();
  await sleep(300);
  const seqs = published.map((p) => p.s);
  const done = await clients.ask({ cmd: 'wait', seqs, timeoutMs: 60_000 });
  const r = await clients.ask({ cmd: 'report' });
  const got = new Map(
    (r.seqs as [number, number, string][]).map(([s, c, last]) => [s, { count: c, last: BigInt(last) }]),
  );
  const reachedAll = (s: number | undefined) => {
    const g = s === undefined ? undefined : got.get(s);
    return g && g.count >= CLIENTS ? g.last : null;
  };
  const voteMsgs = published.filter((p) => p.votes).sort((a, b) => a.s - b.s);
  const latencies: number[] = [];
  let unmeasured = 0;
  for (const v of votes) {
    const last = reachedAll(voteMsgs.find((m) => (m.votes![v.id] ?? -1) >= v.votes)?.s);
    if (last) latencies.push(Math.max(0, ms(last - v.at)));
    else unmeasured++;
  }
  for (const q of questions) {
    const last = reachedAll(published.find((m) => m.qid === q.id)?.s);
    if (last) latencies.push(Math.max(0, ms(last - q.at)));
    else unmeasured++;
  }
  return {
    latencies,
    unmeasured,
    broadcastsPerSec: Number((published.length / seconds).toFixed(1)),
    windowMs: pct(windows, 50),
    complete: done.complete as boolean,
    votes: votes.length,
    questions: questions.length,
  };
}

try {
  const t0 = now();
  await clients.ask({
    cmd: 'connect',
    urls: [`${base.replace('http', 'ws')}/api/v1/events/${event.id}/live`],
    n: CLIENTS,
  });
  console.log(
    `eventday: one node on SQLite, the seed seminar ×${SCALE} (${HALL} hall + ${ONLINE} online registered), ` +
      `${CLIENTS} live clients connected in ${Math.round(ms(now() - t0))} ms`,
  );
  const targets: string[] = [];
  for (let i = 0; i < 10; i++) targets.push((await ask()).question.id);

  const alone = await liveLoad(ALONE, targets);
  const aloneP99 = pct(alone.latencies, 99);
  console.log(
    `live room alone, ${ALONE} s: p50 ${Math.round(pct(alone.latencies, 50))} ms, p99 ${Math.round(aloneP99)} ms (${alone.latencies.length} measured)`,
  );

  // The day: the HTTP load in its own process while the live room runs here.
  const http = load.ask({
    cmd: 'run',
    base,
    seconds: SECONDS,
    eventId: event.id,
    slug: event.slug,
    doorToken,
    tickets: hall.map((h) => h.ticketCode),
    ...RATES,
  });
  // How long the server's event loop was held up (a stall delays every kind at once).
  const loop = monitorEventLoopDelay({ resolution: 10 });
  loop.enable();
  const cpu0 = process.cpuUsage();
  const wall0 = now();
  const [day, traffic] = await Promise.all([liveLoad(SECONDS, targets), http]);
  loop.disable();
  const cpu = process.cpuUsage(cpu0);
  const busy = (cpu.user + cpu.system) / 1000 / ms(now() - wall0);
  const lat = traffic.latencies as Record<'checkin' | 'registration' | 'page', number[]>;
  const p99 = {
    live: Math.round(pct(day.latencies, 99)),
    checkin: Math.round(pct(lat.checkin, 99)),
    registration: Math.round(pct(lat.registration, 99)),
    page: Math.round(pct(lat.page, 99)),
  };
  const rows = [
    {
      kind: `live (vote/question → last of ${CLIENTS} clients)`,
      n: day.latencies.length,
      p50: pct(day.latencies, 50),
      p99: p99.live,
    },
    { kind: 'door check-in (3 phones)', n: lat.checkin.length, p50: pct(lat.checkin, 50), p99: p99.checkin },
    {
      kind: 'late registration',
      n: lat.registration.length,
      p50: pct(lat.registration, 50),
      p99: p99.registration,
    },
    { kind: 'event page view', n: lat.page.length, p50: pct(lat.page, 50), p99: p99.page },
  ].map((r) => ({ ...r, p50: Math.round(r.p50) }));
  console.table(rows);
  console.log(
    `live room: ${alone.broadcastsPerSec} broadcasts/s alone (window ${alone.windowMs} ms), ` +
      `${day.broadcastsPerSec}/s on the day (window ${day.windowMs} ms), each to ${CLIENTS} sockets`,
  );
  console.log('answers:', JSON.stringify(traffic.statuses));
  console.log(
    `server event loop delay on the day: p50 ${Math.round(loop.percentile(50) / 1e6)} ms, ` +
      `p99 ${Math.round(loop.percentile(99) / 1e6)} ms, max ${Math.round(loop.max / 1e6)} ms; ` +
      `server CPU ${Math.round(busy * 100)}% of a core (user ${Math.round(cpu.user / 1000)} ms, system ${Math.round(cpu.system / 1000)} ms)`,
  );
  if (day.unmeasured || !day.complete)
    console.log(`live: ${day.unmeasured} updates did not reach every client in time`);
  const worstP99Ms = Math.max(...Object.values(p99));
  console.log(
    JSON.stringify({
      bench: 'eventday',
      liveClients: CLIENTS,
      worstP99Ms,
      p99,
      liveAloneP99Ms: Math.round(aloneP99),
      ratio: Number((aloneP99 / p99.live).toFixed(2)),
    }),
  );
} finally {
  clients.cp.kill();
  load.cp.kill();
  await node.close();
}
process.exit(0);
