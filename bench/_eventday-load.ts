// The HTTP side of bench/eventday.ts, in its own process (the server does not pay for its visitors):
// open-loop traffic at fixed rates — door scans, late registrations, event-page views — each request
// timed from send to its whole answer. Open loop: a slow answer does not slow the next request down,
// as on the real day nobody waits for someone else's page to load.
import { Agent, request } from 'node:http';

interface Run {
  cmd: 'run';
  base: string;
  seconds: number;
  eventId: string;
  slug: string;
  doorToken: string;
  tickets: string[];
  checkinsPerMin: number;
  registrationsPerMin: number;
  pagesPerSec: number;
}

const agent = new Agent({ keepAlive: true, maxSockets: 256 });
const PHONE = {
  'user-agent': 'Mozilla/5.0 (Linux; Android 11; Redmi 9A) Chrome/120 Mobile',
  'accept-language': 'id-ID,id;q=0.9',
};

function send(base: string, method: string, path: string, headers: Record<string, string>, body?: string) {
  return new Promise<number>((resolve) => {
    const u = new URL(path, base);
    const req = request(
      {
        agent,
        host: u.hostname,
        port: u.port,
        method,
        path: u.pathname + u.search,
        headers: body
          ? {
              ...headers,
              'content-type': 'application/json',
              'content-length': String(Buffer.byteLength(body)),
            }
          : headers,
      },
      (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
        res.on('error', () => resolve(0));
      },
    );
    req.on('error', () => resolve(0));
    req.end(body);
  });
}

type Kind = 'checkin' | 'registration' | 'page';

async function run(m: Run) {
  const latencies: Record<Kind, number[]> = { checkin: [], registration: [], page: [] };
  const statuses: Record<string, number> = {};
  const plan: { at: number; kind: Kind; i: number }[] = [];
  const add = (kind: Kind, perSec: number) => {
    for (let i = 0; i < perSec * m.seconds; i++) plan.push({ at: (i * 1000) / perSec, kind, i });
  };
  add('checkin', m.checkinsPerMin / 60);
  add('registration', m.registrationsPerMin / 60);
  add('page', m.pagesPerSec);
  plan.sort((a, b) => a.at - b.at);

  const doors = ['pintu-1', 'pintu-2', 'pintu-3'];
  const phoneBase = 30_000_000 + Math.floor(Math.random() * 1e6) * 10;
  const fire = async (p: (typeof plan)[number]) => {
    const t0 = performance.now();
    let status: number;
    if (p.kind === 'page') {
      status = await send(m.base, 'GET', `/e/${m.slug}`, {
        ...PHONE,
        accept: 'text/html',
        'accept-encoding': 'gzip, br',
      });
    } else if (p.kind === 'checkin') {
      // Three door phones take turns; each scan is someone's first arrival.
      status = await send(
        m.base,
        'POST',
        `/api/v1/events/${m.eventId}/checkins`,
        { ...PHONE, authorization: `Bearer ${m.doorToken}` },
        JSON.stringify({
          ticketCode: m.tickets[p.i % m.tickets.length],
          device: doors[p.i % 3],
          method: 'qr',
        }),
      );
    } else {
      status = await send(
        m.base,
        'POST',
        `/api/v1/events/${m.eventId}/registrations`,
        PHONE,
        JSON.stringify({
          name: `Peserta Terlambat ${p.i}`,
          phone: `0813${String(phoneBase + p.i).padStart(8, '0')}`,
          institution: 'UMKM Kanigaran',
          mode: p.i % 2 ? 'online' : 'onsite',
          consent: true,
        }),
      );
    }
    latencies[p.kind].push(performance.now() - t0);
    const key = `${p.kind} ${status}`;
    statuses[key] = (statuses[key] ?? 0) + 1;
  };

  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (const p of plan) {
    const wait = start + p.at - performance.now();
    if (wait > 1) await new Promise((r) => setTimeout(r, wait));
    inFlight.push(fire(p));
  }
  await Promise.all(inFlight);
  return { latencies, statuses };
}

process.on('message', async (m: Run) => {
  try {
    process.send!({ ok: true, ...(await run(m)) });
  } catch (err) {
    process.send!({ ok: false, error: String(err) });
  }
});
process.send!({ ok: true, ready: true });
