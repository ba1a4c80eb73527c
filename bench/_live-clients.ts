// The client side of bench/live.ts, in its own process (as on the real network, the server does not
// pay for its clients): opens N WebSockets and records, per sequence number, how many clients got it
// and when the last one did (CLOCK_MONOTONIC, comparable with the parent's process.hrtime).
import WebSocket from 'ws';

type Cmd =
  | { cmd: 'connect'; urls: string[]; n: number }
  | { cmd: 'reset' }
  | { cmd: 'wait'; seqs: number[]; timeoutMs: number }
  | { cmd: 'report' }
  | { cmd: 'close' };

const sockets: WebSocket[] = [];
let seen = new Map<number, { count: number; last: bigint }>();
let deliveries = 0;
let firstAt = 0n;
let lastAt = 0n;
let expected = 0;

function onMessage(raw: WebSocket.RawData) {
  const now = process.hrtime.bigint();
  const s = String(raw);
  // {"s":123,"t":… — read the number without parsing the whole message.
  const end = s.indexOf(',', 5);
  const seq = Number(s.slice(5, end));
  if (s.startsWith('{"s":') === false || !Number.isFinite(seq)) return;
  if (s.startsWith('"snapshot"', end + 5)) return;
  deliveries++;
  if (!firstAt) firstAt = now;
  lastAt = now;
  const e = seen.get(seq);
  if (e) {
    e.count++;
    e.last = now;
  } else seen.set(seq, { count: 1, last: now });
}

async function connect(urls: string[], n: number) {
  const batch = 200;
  for (let i = 0; i < n; i += batch) {
    await Promise.all(
      Array.from(
        { length: Math.min(batch, n - i) },
        (_, k) =>
          new Promise<void>((resolve, reject) => {
            const ws = new WebSocket(urls[(i + k) % urls.length]!, { perMessageDeflate: false });
            ws.on('message', onMessage);
            ws.once('open', () => resolve());
            ws.once('error', reject);
            sockets.push(ws);
          }),
      ),
    );
  }
  expected = sockets.length;
}

process.on('message', async (m: Cmd) => {
  try {
    if (m.cmd === 'connect') {
      await connect(m.urls, m.n);
      process.send!({ ok: true, connected: sockets.length });
    } else if (m.cmd === 'reset') {
      seen = new Map();
      deliveries = 0;
      firstAt = 0n;
      lastAt = 0n;
      process.send!({ ok: true });
    } else if (m.cmd === 'wait') {
      const deadline = Date.now() + m.timeoutMs;
      while (Date.now() < deadline && !m.seqs.every((s) => (seen.get(s)?.count ?? 0) >= expected)) {
        await new Promise((r) => setTimeout(r, 20));
      }
      process.send!({ ok: true, complete: m.seqs.every((s) => (seen.get(s)?.count ?? 0) >= expected) });
    } else if (m.cmd === 'report') {
      process.send!({
        ok: true,
        deliveries,
        firstAt: String(firstAt),
        lastAt: String(lastAt),
        seqs: [...seen.entries()].map(([s, e]) => [s, e.count, String(e.last)]),
      });
    } else if (m.cmd === 'close') {
      for (const ws of sockets) ws.terminate();
      sockets.length = 0;
      process.send!({ ok: true });
    }
  } catch (err) {
    process.send!({ ok: false, error: String(err) });
  }
});
process.send!({ ok: true, ready: true });
