// `npm run bench -- live [--clients 1000,5000,10000] [--seconds 8]`
//
// N WebSocket clients (in a child process) in one event's live room; questions and votes arrive at a
// steady rate. Measured per N: delivered messages per second at saturation, p50/p99 from an accepted
// vote to the last client holding the update that carries it, server memory per connection, and a
// plain `ws` broadcast of the same payload to the same N in the same run (the baseline of the ratio).
// Then the same room on two app nodes sharing Redis (when REDIS_URL is set). Beside the votes, word-cloud
// answers arrive at the same rate and are coalesced the same way (p50/p99 from an accepted answer to the
// last client holding the cloud that counts it).
import { type ChildProcess, fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { FastifyInstance } from 'fastify';
import { WebSocketServer } from 'ws';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import type { QaService } from '../src/modules/qa/index.js';
import { createTestDatabase } from '../test/helpers/app.js';

setFlagsFromString('--expose_gc');
const gc = runInNewContext('gc') as () => void;

const arg = (name: string, def: string) => {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? process.argv[i + 1]! : def;
};
const CLIENTS = arg('clients', '1000,5000,10000').split(',').map(Number);
const SECONDS = Number(arg('seconds', '8'));
const SATURATION_MESSAGES = 30;
const VOTES_PER_SEC = 40;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const now = () => process.hrtime.bigint();
const ms = (ns: bigint) => Number(ns) / 1e6;
const pct = (xs: number[], p: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]! : Number.NaN;
};

// The client process and a request/response wrapper around its IPC channel.
type Reply = { ok: boolean; error?: string; [k: string]: unknown };
function startClients(): Promise<{ cp: ChildProcess; ask: (m: object) => Promise<Reply> }> {
  const cp = fork(join(import.meta.dirname, '_live-clients.ts'), [], {
    execArgv: ['--import', 'tsx'],
    stdio: 'inherit',
  });
  const queue: ((r: Reply) => void)[] = [];
  cp.on('message', (r: Reply) => queue.shift()?.(r));
  const ask = (m: object) =>
    new Promise<Reply>((resolve, reject) => {
      queue.push((r) => (r.ok ? resolve(r) : reject(new Error(r.error))));
      cp.send(m);
    });
  return new Promise((resolve) => {
    queue.push(() => resolve({ cp, ask }));
  });
}

interface Node {
  app: FastifyInstance;
  url: string;
  qa: QaService;
}

async function startNode(dir: string, dbUrl: string, redis: string | null, prefix: string): Promise<Node> {
  const config = loadConfig({
    DATA_DIR: dir,
    DATABASE_URL: dbUrl,
    LOG_LEVEL: 'silent',
    SESSION_SECRET: 'bench-secret-bench-secret-bench-secret',
    PUBLIC_URL: 'http://aula.bench',
    // Every bench client comes from 127.0.0.1: the per-address socket cap would refuse most of them.
    LIVE_MAX_SOCKETS_PER_ADDRESS: '100000',
    ...(redis ? { REDIS_URL: redis, REDIS_PREFIX: prefix } : {}),
  });
  const app = await buildApp(config, { logger: false });
  await app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = app.server.address() as AddressInfo;
  return { app, url: `http://127.0.0.1:${port}`, qa: app.ctx.services.qa };
}

async function seedEvent(node: Node) {
  const email = `bench-${Date.now()}@example.test`;
  await node.app.ctx.services.auth.createUser({ email, password: 'password123', role: 'organizer' });
  const token = await node.app.ctx.services.auth.createApiToken(email);
  const inject = async (method: 'POST' | 'PATCH', url: string, payload: object) =>
    (await node.app.inject({ method, url, payload, headers: { authorization: `Bearer ${token}` } })).json();
  const e = await inject('POST', '/api/v1/events', {
    title: 'Seminar Hybrid: Strategi Pemulihan Perekonomian UMKM',
    startsAt: '2021-12-30T09:00:00+07:00',
    endsAt: '2021-12-30T12:00:00+07:00',
  });
  await inject('POST', `/api/v1/events/${e.id}/publish`, {});
  await inject('PATCH', `/api/v1/events/${e.id}/live/settings`, { moderation: 'auto' });
  return (await node.app.ctx.services.events.find(e.id))!;
}

let asker = 0;
const ask = (node: Node, event: Awaited<ReturnType<typeof seedEvent>>) =>
  node.qa.ask(
    event,
    {
      text: `Bagaimana UMKM di Kota Probolinggo bisa masuk pasar digital? (${asker})`,
      channel: asker % 2 ? 'online' : 'onsite',
      authorName: `Peserta ${asker}`,
      anonymous: false,
      ticketCode: null,
      speakerId: null,
    },
    { key: `c:bench-asker-${asker++}`, registrationId: null, name: null },
  );

/** Records every update published on a node: sequence, type, vote counts, cloud voters, and when. */
function recorder(node: Node) {
  const list: {
    s: number;
    t: string;
    votes: Record<string, number> | null;
    clouds: Record<string, { voters: number }> | null;
    at: bigint;
  }[] = [];
  node.app.ctx.bus.onEveryNode('live.message', ({ message }) => {
    const m = JSON.parse((message as { staff: string }).staff) as { s: number; t: string; d: unknown };
    // A window with votes and answers is one `batch` update carrying both.
    const parts = m.t === 'batch' ? (m.d as { t: string; d: unknown }[]) : [m];
    const part = (t: string) => parts.find((p) => p.t === t)?.d ?? null;
    list.push({
      s: m.s,
      t: m.t,
      votes: part('votes') as Record<string, number> | null,
      clouds: part('poll.words') as Record<string, { voters: number }> | null,
      at: now(),
    });
  });
  return list;
}

/** What a hall answers to a word cloud: a few words often, many once (the cloud keeps its top 60). */
const CLOUD_WORDS = Array.from({ length: 120 }, (_, i) => `kata${i}`);
const cloudAnswer = (i: number) =>
  `${CLOUD_WORDS[Math.floor(Math.sqrt(i * 37) % CLOUD_WORDS.length)]} ${CLOUD_WORDS[(i * 7) % CLOUD_WORDS.length]}`;

async function report(clients: Awaited<ReturnType<typeof startClients>>) {
  const r = await clients.ask({ cmd: 'report' });
  const seqs = new Map(
    (r.seqs as [number, number, string][]).map(([s, c, last]) => [s, { count: c, last: BigInt(last) }]),
  );
  return { deliveries: r.deliveries as number, lastAt: BigInt(r.lastAt as string), seqs };
}

async function aulaRun(
  nodes: Node[],
  n: number,
  clients: Awaited<ReturnType<typeof startClients>>,
  event: Awaited<ReturnType<typeof seedEvent>>,
) {
  const published = recorder(nodes[0]!);
  gc();
  const memBefore = process.memoryUsage();
  const t0 = now();
  await clients.ask({
    cmd: 'connect',
    urls: nodes.map((x) => `${x.url.replace('http', 'ws')}/api/v1/events/${event.id}/live`),
    n,
  });
  const connectMs = ms(now() - t0);
  await sleep(1500);
  gc();
  const memAfter = process.memoryUsage();
  const bytesPerConnection = Math.round((memAfter.rss - memBefore.rss) / n);
  const heapPerConnection = Math.round(
    (memAfter.heapUsed + memAfter.external - memBefore.heapUsed - memBefore.external) / n,
  );

  // Saturation: questions published back to back, each one a broadcast to every client.
  await clients.ask({ cmd: 'reset' });
  published.length = 0;
  const s0 = now();
  for (let i = 0; i < SATURATION_MESSAGES; i++) await ask(nodes[i % nodes.length]!, event);
  const satSeqs = published.filter((p) => p.t === 'q').map((p) => p.s);
  await clients.ask({ cmd: 'wait', seqs: satSeqs, timeoutMs: 60_000 });
  const sat = await report(clients);
  const deliveredPerSec = sat.deliveries / (ms(sat.lastAt - s0) / 1000);

  // Steady: votes at a fixed rate on a few questions (coalesced), one new question per second.
  const targets = [];
  for (let i = 0; i < 10; i++) targets.push((await ask(nodes[0]!, event)).question.id);
  const cloud = await nodes[0]!.qa.createPoll(event, {
    kind: 'wordcloud',
    question: 'Satu kata untuk UMKM?',
  });
  await nodes[0]!.qa.updatePoll(event, cloud.id, { status: 'open', onScreen: true });
  await nodes[0]!.app.ctx.services.live.rt.settle();
  await sleep(500);
  await clients.ask({ cmd: 'reset' });
  published.length = 0;
  const accepted: { at: bigint; id: string; votes: number }[] = [];
  const answered: { at: bigint; voters: number }[] = [];
  const start = now();
  const total = VOTES_PER_SEC * SECONDS;
  let voter = 0;
  const pending: Promise<unknown>[] = [];
  const windows: number[] = [];
  for (let i = 0; i < total; i++) {
    const due = start + BigInt(Math.round((i * 1e9) / VOTES_PER_SEC));
    const wait = ms(due - now());
    if (wait > 1) await sleep(wait);
    const node = nodes[i % nodes.length]!;
    const id = targets[i % targets.length]!;
    pending.push(
      node.qa
        .vote(id, { key: `c:bench-voter-${n}-${voter++}`, registrationId: null, name: null }, true)
        .then((r) => accepted.push({ at: now(), id, votes: r.votes })),
    );
    pending.push(
      node.qa
        .votePoll(
          cloud.id,
          { key: `c:bench-cloud-${n}-${i}`, registrationId: null, name: null },
          { text: cloudAnswer(i) },
        )
        .then((r) => answered.push({ at: now(), voters: r.voters ?? Number.POSITIVE_INFINITY })),
    );
    if (i % VOTES_PER_SEC === 0) {
      pending.push(ask(nodes[(i / VOTES_PER_SEC) % nodes.length]!, event));
      windows.push(node.app.ctx.services.live.rt.intervalFor(event.id));
    }
  }
  await Promise.all(pending);
  for (const node of nodes) await node.app.ctx.services.live.rt.settle();
  await sleep(300);
  const steadySeqs = published.map((p) => p.s);
  await clients.ask({ cmd: 'wait', seqs: steadySeqs, timeoutMs: 60_000 });
  const steady = await report(clients);
  // The update that carries an accepted vote: the first (by number) whose count for that question
  // includes it (counts only grow here). Latency: the vote's acceptance → the last client holding it.
  const voteMsgs = published.filter((p) => p.votes).sort((a, b) => a.s - b.s);
  const latencies: number[] = [];
  for (const a of accepted) {
    const carrier = voteMsgs.find((v) => (v.votes![a.id] ?? -1) >= a.votes);
    const last = carrier && steady.seqs.get(carrier.s);
    if (last && last.count >= n) latencies.push(ms(last.last - a.at));
  }
  // A cloud update carries an answer when its voters count reaches the count that answer made.
  const cloudMsgs = published.filter((p) => p.clouds?.[cloud.id]).sort((a, b) => a.s - b.s);
  const cloudLatencies: number[] = [];
  for (const a of answered) {
    const carrier = cloudMsgs.find((c) => c.clouds![cloud.id]!.voters >= a.voters);
    const last = carrier && steady.seqs.get(carrier.s);
    if (last && last.count >= n) cloudLatencies.push(ms(last.last - a.at));
  }
  const steadyPerSec = steady.deliveries / (ms(steady.lastAt - start) / 1000);
  await clients.ask({ cmd: 'close' });
  return {
    connectMs,
    bytesPerConnection,
    heapPerConnection,
    deliveredPerSec,
    steadyPerSec,
    broadcastsPerSec: published.length / SECONDS,
    votes: accepted.length,
    measured: latencies.length,
    p50: pct(latencies, 50),
    p99: pct(latencies, 99),
    windowMs: pct(windows, 50),
    answers: answered.length,
    answersMeasured: cloudLatencies.length,
    cloudP50: pct(cloudLatencies, 50),
    cloudP99: pct(cloudLatencies, 99),
  };
}

/** The baseline: a bare `ws` server sending the same payload string to every socket. */
async function plainRun(n: number, clients: Awaited<ReturnType<typeof startClients>>, payload: string) {
  const wss = new WebSocketServer({ port: 0, host: '127.0.0.1', perMessageDeflate: false });
  await new Promise((r) => wss.once('listening', r));
  const { port } = wss.address() as AddressInfo;
  await clients.ask({ cmd: 'connect', urls: [`ws://127.0.0.1:${port}`], n });
  await sleep(500);
  await clients.ask({ cmd: 'reset' });
  const body = payload.slice(payload.indexOf(','));
  const sent: bigint[] = [];
  const s0 = now();
  for (let i = 1; i <= SATURATION_MESSAGES; i++) {
    const msg = `{"s":${i}${body}`;
    sent.push(now());
    for (const ws of wss.clients) ws.send(msg);
    await new Promise((r) => setImmediate(r));
  }
  await clients.ask({
    cmd: 'wait',
    seqs: Array.from({ length: SATURATION_MESSAGES }, (_, i) => i + 1),
    timeoutMs: 60_000,
  });
  const r = await report(clients);
  const perBroadcast = sent.map((at, i) => ms((r.seqs.get(i + 1)?.last ?? at) - at));
  await clients.ask({ cmd: 'close' });
  await new Promise((r) => wss.close(() => r(null)));
  return {
    deliveredPerSec: r.deliveries / (ms(r.lastAt - s0) / 1000),
    p50: pct(perBroadcast, 50),
    p99: pct(perBroadcast, 99),
  };
}

const dir = mkdtempSync(join(tmpdir(), 'aula-bench-live-'));
// One node runs on SQLite, the default storage (BENCH_DB=postgres for PostgreSQL).
const dbUrl =
  process.env.BENCH_DB === 'postgres' && process.env.DATABASE_URL
    ? process.env.DATABASE_URL
    : `sqlite:${join(dir, 'bench.sqlite')}`;
const clients = await startClients();
const rows: Record<string, number | string>[] = [];
let final: Record<string, unknown> = {};
try {
  const node = await startNode(dir, dbUrl, null, 'bench');
  const event = await seedEvent(node);
  const sample = (await ask(node, event)).question;
  const payload = JSON.stringify({ s: 0, t: 'q', d: sample });
  console.log(
    `live room benchmark: ${dbUrl.startsWith('sqlite') ? 'SQLite' : 'PostgreSQL'}, payload ${payload.length} bytes, ${SECONDS}s at ${VOTES_PER_SEC} votes/s + ${VOTES_PER_SEC} word-cloud answers/s + 1 question/s, coalescing window ${node.app.ctx.services.live.rt.coalesceMinMs}–${node.app.ctx.services.live.rt.coalesceMaxMs} ms (${node.app.ctx.services.live.rt.coalesceFactor}× the room's broadcast time)`,
  );
  for (const n of CLIENTS) {
    const plain = await plainRun(n, clients, payload);
    const aula = await aulaRun([node], n, clients, event);
    const row = {
      clients: n,
      nodes: 1,
      connectMs: Math.round(aula.connectMs),
      deliveredPerSec: Math.round(aula.deliveredPerSec),
      plainDeliveredPerSec: Math.round(plain.deliveredPerSec),
      ratio: Number((aula.deliveredPerSec / plain.deliveredPerSec).toFixed(2)),
      steadyDeliveredPerSec: Math.round(aula.steadyPerSec),
      voteP50Ms: Math.round(aula.p50),
      voteP99Ms: Math.round(aula.p99),
      windowMs: aula.windowMs,
      cloudP50Ms: Math.round(aula.cloudP50),
      cloudP99Ms: Math.round(aula.cloudP99),
      answersMeasured: `${aula.answersMeasured}/${aula.answers}`,
      plainBroadcastP99Ms: Math.round(plain.p99),
      bytesPerConnection: aula.bytesPerConnection,
      heapBytesPerConnection: aula.heapPerConnection,
      votesMeasured: `${aula.measured}/${aula.votes}`,
    };
    rows.push(row);
    console.log(JSON.stringify(row));
    final = {
      bench: 'live',
      clients: n,
      deliveredPerSec: row.deliveredPerSec,
      p99Ms: row.voteP99Ms,
      cloudP99Ms: row.cloudP99Ms,
      bytesPerConnection: row.bytesPerConnection,
      plainDeliveredPerSec: row.plainDeliveredPerSec,
      ratio: row.ratio,
    };
  }
  await node.app.close();

  // Two nodes are two processes in production; in one process two SQLite connections would block each
  // other's thread, so this part runs on a PostgreSQL database of its own.
  const redis = process.env.REDIS_URL;
  const pg = process.env.DATABASE_URL?.startsWith('postgres') ? process.env.DATABASE_URL : null;
  if (redis && pg) {
    const prefix = `aula-bench-${process.pid}`;
    const pgDb = await createTestDatabase('postgres');
    const dir2 = mkdtempSync(join(tmpdir(), 'aula-bench-live2-'));
    const a = await startNode(dir, pgDb.url, redis, prefix);
    const b = await startNode(dir2, pgDb.url, redis, prefix);
    const event = await seedEvent(a);
    const n = CLIENTS[CLIENTS.length - 1]!;
    const two = await aulaRun([a, b], n, clients, event);
    const row = {
      clients: n,
      nodes: 2,
      connectMs: Math.round(two.connectMs),
      deliveredPerSec: Math.round(two.deliveredPerSec),
      steadyDeliveredPerSec: Math.round(two.steadyPerSec),
      voteP50Ms: Math.round(two.p50),
      voteP99Ms: Math.round(two.p99),
      windowMs: two.windowMs,
      cloudP99Ms: Math.round(two.cloudP99),
      bytesPerConnection: two.bytesPerConnection,
      votesMeasured: `${two.measured}/${two.votes}`,
    };
    rows.push(row);
    console.log(
      JSON.stringify(row),
      '(two nodes, Redis; half the clients on each; votes and questions on both)',
    );
    await b.app.close();
    await a.app.close();
    await pgDb.drop();
    rmSync(dir2, { recursive: true, force: true });
  } else console.log('two nodes: skipped (needs REDIS_URL and a PostgreSQL DATABASE_URL)');
  console.table(rows);
} finally {
  clients.cp.kill();
  rmSync(dir, { recursive: true, force: true });
}
console.log(JSON.stringify(final));
process.exit(0);
