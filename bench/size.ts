// `npm run bench -- size`: does one participant's request cost the same in an event of 100 people and in
// one of 20,000? One Aula node on SQLite (bench/_size-server.ts) holds both events, seeded alike (half hall,
// half online; 40% of the hall checked in, 60% of the online half joined, half of it entered a code; beside
// them a hall waitlist a tenth as long, whose last people open their tickets). Both are
// measured in the same run, round by round in alternating order, one request at a time on one keep-alive
// connection, with a phone's headers (accept-encoding: br, gzip; accept-language: id-ID; a distinct
// forwarded address per request, as carriers' NATs give). Per request: median and p99 at each size and the
// ratio of medians (goal: ≤ 1.5). Then the organizer's views over the whole event, timed at both sizes
// (goal: under 200 ms at 20,000). The final JSON line's `ratio` is the worst 20,000/100 ratio of medians; its
// baseline is the same request on the small event of the same run. BENCH_ROUNDS (default 200) sets the rounds;
// BENCH_IDENTITY=1 drops Accept-Encoding (the identity path, a second figure only). No timing is asserted.
import { fork } from 'node:child_process';
import http from 'node:http';

const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 200);
const WARMUP = Math.min(20, Math.ceil(ROUNDS / 10));
const ORGANIZER_ROUNDS = Number(process.env.BENCH_ORGANIZER_ROUNDS ?? 15);
const identity = process.env.BENCH_IDENTITY === '1';
const PHONE: Record<string, string> = {
  ...(identity ? {} : { 'accept-encoding': 'br, gzip' }),
  'accept-language': 'id-ID,id;q=0.9',
  'user-agent':
    'Mozilla/5.0 (Linux; Android 13; SM-A145F) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
};
const HTML_ACCEPT = 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8';

interface SeededEvent {
  size: number;
  eventId: string;
  slug: string;
  codes: string[];
  questions: string[];
  hallFree: string[];
  online: string[];
  everyone: string[];
  waitlistBack: string[];
}

const child = fork(new URL('./_size-server.ts', import.meta.url).pathname, [], {
  execArgv: ['--import', 'tsx'],
  env: { ...process.env, NODE_ENV: 'production' },
});
const seedStart = performance.now();
const ready = await new Promise<{ port: number; token: string; events: SeededEvent[] }>((resolve, reject) => {
  child.once('message', (m) => resolve(m as never));
  child.once('exit', (code) => reject(new Error(`server exited with ${code}`)));
});
const seedMs = performance.now() - seedStart;
const ask = (msg: object) =>
  new Promise<void>((resolve) => {
    child.once('message', () => resolve());
    child.send(msg);
  });

const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
let addr = 0;
interface Answer {
  status: number;
  location: string | undefined;
  encoding: string;
  bytes: number;
  ms: number;
}
/** One request, timed from sending to the last byte of the (still compressed) body. */
function request(
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Answer> {
  const n = addr++;
  return new Promise((resolve, reject) => {
    const t0 = performance.now();
    const req = http.request(
      {
        agent,
        host: '127.0.0.1',
        port: ready.port,
        method,
        path,
        headers: {
          ...PHONE,
          'x-forwarded-for': `10.${(n >> 16) & 255}.${(n >> 8) & 255}.${n & 255}`,
          ...(body === undefined ? {} : { 'content-length': String(Buffer.byteLength(body)) }),
          ...headers,
        },
      },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => {
          bytes += c.length;
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            location: res.headers.location,
            encoding: String(res.headers['content-encoding'] ?? 'identity'),
            bytes,
            ms: performance.now() - t0,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

const form = (extra: Record<string, string> = {}) => ({
  accept: HTML_ACCEPT,
  'content-type': 'application/x-www-form-urlencoded',
  origin: 'http://aula.bench',
  ...extra,
});
const bearer = { authorization: `Bearer ${ready.token}` };

/** What went wrong, once per kind, so a broken path is seen instead of timed. */
const problems = new Map<string, string>();
function expect(name: string, a: Answer, ok: (a: Answer) => boolean) {
  if (!ok(a) && !problems.has(name)) problems.set(name, `${a.status} ${a.location ?? ''}`.trim());
}

type Step = (e: SeededEvent, round: number) => Promise<number>;
let formPeople = 0;
const used = new Map<string, string[]>();

const STEPS: Record<string, Step> = {
  'event page': async (e) => {
    const a = await request('GET', `/e/${e.slug}`, { accept: HTML_ACCEPT });
    expect('event page', a, (x) => x.status === 200);
    return a.ms;
  },
  'form registration (post + redirect + ticket)': async (e) => {
    const n = formPeople++;
    const body = new URLSearchParams({
      name: `Peserta Formulir ${n}`,
      frontTitles: '',
      backTitles: 'S.E.',
      institution: 'UMKM Kota Probolinggo',
      phone: `0813${String(10000000 + n).slice(-8)}`,
      email: '',
      mode: n % 2 ? 'online' : 'onsite',
      consent: 'yes',
      website: '',
    }).toString();
    const post = await request(
      'POST',
      `/e/${e.slug}/daftar`,
      form({ referer: `http://aula.bench/e/${e.slug}/daftar` }),
      body,
    );
    expect('form post', post, (x) => x.status === 303 && !!x.location?.startsWith('/t/'));
    if (!post.location) return post.ms;
    const ticket = await request('GET', post.location, { accept: HTML_ACCEPT });
    expect('form ticket page', ticket, (x) => x.status === 200);
    // Kept at the event's size: the people the form added are removed between rounds (untimed).
    used.set(e.eventId, [...(used.get(e.eventId) ?? []), post.location.slice(3)]);
    return post.ms + ticket.ms;
  },
  'ticket page (online, with presence)': async (e, r) => {
    const a = await request('GET', `/t/${e.online[r % e.online.length]}`, { accept: HTML_ACCEPT });
    expect('ticket page', a, (x) => x.status === 200);
    return a.ms;
  },
  'ticket page (last on a waitlist of a tenth)': async (e, r) => {
    const a = await request('GET', `/t/${e.waitlistBack[r % e.waitlistBack.length]}`, {
      accept: HTML_ACCEPT,
    });
    expect('waitlisted ticket page', a, (x) => x.status === 200);
    return a.ms;
  },
  'attendance code entry (form post)': async (e, r) => {
    // A pair (person, code) not used before: a first entry each time, as at the start of a webinar.
    const ticket = e.online[r % e.online.length]!;
    const code = e.codes[1 + (Math.floor(r / e.online.length) % (e.codes.length - 1))]!;
    const a = await request('POST', `/t/${ticket}/presensi`, form(), `code=${code}`);
    expect('code entry', a, (x) => x.status === 303 && !!x.location?.includes('presensi=ok'));
    return a.ms;
  },
  'live page with ticket': async (e, r) => {
    const a = await request('GET', `/e/${e.slug}/live?t=${e.everyone[r % e.everyone.length]}`, {
      accept: HTML_ACCEPT,
    });
    expect('live page', a, (x) => x.status === 200);
    return a.ms;
  },
  'vote on a question (form post)': async (e, r) => {
    const ticket = e.everyone[r % e.everyone.length]!;
    const q = e.questions[Math.floor(r / e.everyone.length) % e.questions.length]!;
    const a = await request('POST', `/e/${e.slug}/live/questions/${q}/vote`, form(), `on=1&t=${ticket}`);
    expect('vote', a, (x) => x.status === 303);
    return a.ms;
  },
  'door check-in of one ticket (API)': async (e, r) => {
    const ticket = e.hallFree[r % e.hallFree.length]!;
    const a = await request(
      'POST',
      `/api/v1/events/${e.eventId}/checkins`,
      { ...bearer, 'content-type': 'application/json', accept: 'application/json' },
      JSON.stringify({ ticketCode: ticket, device: 'hp-pintu-1' }),
    );
    expect('check-in', a, (x) => x.status === 201);
    // The small event has few tickets left to scan: clear the bench's own arrivals before they run out.
    if ((r + 1) % e.hallFree.length === 0)
      await ask({ cmd: 'uncheck', eventId: e.eventId, tickets: e.hallFree });
    return a.ms;
  },
};

const ORGANIZER: Record<string, (e: SeededEvent) => string> = {
  'attendance summary (dashboard, polled)': (e) => `/api/v1/events/${e.eventId}/attendance/summary`,
  'attendance dashboard page': (e) => `/console/events/${e.eventId}/attendance`,
  'attendance list (API)': (e) => `/api/v1/events/${e.eventId}/attendance`,
  'registrations list (API)': (e) => `/api/v1/events/${e.eventId}/registrations`,
  'stats (API)': (e) => `/api/v1/events/${e.eventId}/stats`,
};

const pct = (sorted: number[], q: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
const summary = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return { p50: pct(s, 0.5), p99: pct(s, 0.99) };
};
const f1 = (x: number) => x.toFixed(1);

const [small, big] = ready.events as [SeededEvent, SeededEvent];
const times = new Map<string, { small: number[]; big: number[] }>();
for (const name of Object.keys(STEPS)) times.set(name, { small: [], big: [] });
const runStart = performance.now();
for (let r = 0; r < WARMUP + ROUNDS; r++) {
  // Alternating which event goes first, so neither always runs on a warmer cache.
  const order = r % 2 ? [big, small] : [small, big];
  for (const [name, step] of Object.entries(STEPS)) {
    for (const e of order) {
      const ms = await step(e, r);
      if (r >= WARMUP) times.get(name)![e === small ? 'small' : 'big'].push(ms);
    }
  }
  for (const e of order) {
    const forget = used.get(e.eventId);
    if (forget?.length) {
      await ask({ cmd: 'forget', eventId: e.eventId, tickets: forget });
      used.set(e.eventId, []);
    }
  }
}
const runMs = performance.now() - runStart;

const org = new Map<string, { small: number[]; big: number[]; bytes: number; status: number }>();
for (const [name, path] of Object.entries(ORGANIZER)) {
  const row = { small: [] as number[], big: [] as number[], bytes: 0, status: 0 };
  for (let r = 0; r < ORGANIZER_ROUNDS + 2; r++) {
    for (const e of r % 2 ? [big, small] : [small, big]) {
      const a = await request('GET', path(e), {
        ...bearer,
        accept: path(e).startsWith('/api/') ? 'application/json' : HTML_ACCEPT,
      });
      if (a.status !== 200 && !problems.has(name)) problems.set(name, String(a.status));
      if (r >= 2) row[e === small ? 'small' : 'big'].push(a.ms);
      if (e === big) {
        row.bytes = a.bytes;
        row.status = a.status;
      }
    }
  }
  org.set(name, row);
}
child.send({ cmd: 'stop' });

console.log(
  `size: one node on SQLite, events of ${small.size} and ${big.size.toLocaleString('en')} registrations (seeded in ${(seedMs / 1000).toFixed(1)} s), ` +
    `${ROUNDS} rounds (+${WARMUP} warm-up) one request at a time, ${identity ? 'NO accept-encoding (identity path)' : 'phone headers (accept-encoding: br, gzip; accept-language: id-ID)'}; run ${(runMs / 1000).toFixed(1)} s`,
);
console.log(
  'participant request                           median@100  p99@100  median@big  p99@big  ratio(median)',
);
let worst = 0;
let worstName = '';
const ratios: Record<string, number> = {};
for (const [name, t] of times) {
  const a = summary(t.small);
  const b = summary(t.big);
  const ratio = b.p50 / a.p50;
  ratios[name] = Number(ratio.toFixed(2));
  if (ratio > worst) {
    worst = ratio;
    worstName = name;
  }
  console.log(
    `${name.padEnd(46)}${f1(a.p50).padStart(8)} ms${f1(a.p99).padStart(7)} ms${f1(b.p50).padStart(9)} ms${f1(b.p99).padStart(7)} ms  ${ratio.toFixed(2)}${ratio > 1.5 ? '  ABOVE GOAL (1.5)' : ''}`,
  );
}
console.log(
  `organizer views (${ORGANIZER_ROUNDS} rounds each)           median@100  median@big  p99@big  bytes@big`,
);
const organizerMs: Record<string, number> = {};
for (const [name, t] of org) {
  const a = summary(t.small);
  const b = summary(t.big);
  organizerMs[name] = Number(b.p50.toFixed(1));
  console.log(
    `${name.padEnd(46)}${f1(a.p50).padStart(8)} ms${f1(b.p50).padStart(9)} ms${f1(b.p99).padStart(7)} ms  ${t.bytes}${b.p50 > 200 ? '  ABOVE GOAL (200 ms)' : ''}`,
  );
}
for (const [name, what] of problems) console.log(`WARNING: ${name} answered ${what}`);
console.log(
  JSON.stringify({
    bench: 'size',
    engine: 'SQLite',
    headers: identity ? 'identity' : 'br, gzip',
    sizes: [small.size, big.size],
    rounds: ROUNDS,
    worst: worstName,
    ratios,
    organizerMedianMsAtBig: organizerMs,
    ratio: Number(worst.toFixed(3)),
  }),
);
