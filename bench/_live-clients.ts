// The client side of bench/live.ts, in its own process (as on the real network, the server does not
// pay for its clients): opens N WebSockets and records, per sequence number, how many clients got it
// and when the last one did (CLOCK_MONOTONIC, comparable with the parent's process.hrtime).
import { randomBytes } from 'node:crypto';
import { type Socket, connect as tcp } from 'node:net';

// Raw TCP sockets with a minimal WebSocket reader rather than the `ws` client: one process has to
// receive N copies of every update, and `ws`'s per-message work (stream, events, UTF-8 check, string)
// made the load generator the bottleneck at 5,000 clients, so its lag was counted as the server's.

type Cmd =
  | { cmd: 'connect'; urls: string[]; n: number }
  | { cmd: 'reset' }
  | { cmd: 'wait'; seqs: number[]; timeoutMs: number }
  | { cmd: 'report' }
  | { cmd: 'close' };

const sockets: Socket[] = [];
let seen = new Map<number, { count: number; last: bigint }>();
let deliveries = 0;
let firstAt = 0n;
let lastAt = 0n;
let expected = 0;
// A pong with an all-zero mask (client frames must be masked; a zero key leaves the payload as is).
const PONG = Buffer.from([0x8a, 0x80, 0, 0, 0, 0]);
const SNAPSHOT = Buffer.from('"snapshot"');

/** One text frame's payload: {"s":123,"t":… — the number is read from the bytes, nothing is decoded. */
function onText(buf: Buffer, start: number, end: number, now: bigint) {
  if (buf[start] !== 0x7b || buf[start + 1] !== 0x22 || buf[start + 2] !== 0x73) return;
  let i = start + 5;
  let seq = 0;
  while (i < end && buf[i]! >= 0x30 && buf[i]! <= 0x39) seq = seq * 10 + buf[i++]! - 0x30;
  // ,"t":"snapshot" — a catch-up, not a broadcast.
  if (buf.compare(SNAPSHOT, 0, SNAPSHOT.length, i + 5, i + 5 + SNAPSHOT.length) === 0) return;
  deliveries++;
  if (!firstAt) firstAt = now;
  lastAt = now;
  const e = seen.get(seq);
  if (e) {
    e.count++;
    e.last = now;
  } else seen.set(seq, { count: 1, last: now });
}

function open(url: string): Promise<Socket> {
  const u = new URL(url);
  return new Promise((resolve, reject) => {
    const sock = tcp({ host: u.hostname, port: Number(u.port), noDelay: true });
    let buf: Buffer | null = null;
    let upgraded = false;
    sock.once('error', reject);
    sock.on('connect', () =>
      sock.write(
        `GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
          `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}\r\nSec-WebSocket-Version: 13\r\n\r\n`,
      ),
    );
    sock.on('data', (chunk: Buffer) => {
      const now = process.hrtime.bigint();
      buf = buf ? Buffer.concat([buf, chunk]) : chunk;
      if (!upgraded) {
        const head = buf.indexOf('\r\n\r\n');
        if (head < 0) return;
        if (!buf.toString('latin1', 0, 12).startsWith('HTTP/1.1 101')) {
          reject(new Error(buf.toString('latin1', 0, head)));
          sock.destroy();
          return;
        }
        upgraded = true;
        sock.on('error', () => undefined);
        buf = buf.subarray(head + 4);
        resolve(sock);
      }
      let p = 0;
      while (buf.length - p >= 2) {
        const op = buf[p]! & 0x0f;
        let len = buf[p + 1]! & 0x7f;
        let h = 2;
        if (len === 126) {
          if (buf.length - p < 4) break;
          len = buf.readUInt16BE(p + 2);
          h = 4;
        } else if (len === 127) {
          if (buf.length - p < 10) break;
          len = Number(buf.readBigUInt64BE(p + 2));
          h = 10;
        }
        if (buf.length - p < h + len) break;
        if (op === 1) onText(buf, p + h, p + h + len, now);
        else if (op === 9) sock.write(PONG);
        p += h + len;
      }
      buf = p === buf.length ? null : buf.subarray(p);
    });
  });
}

async function connect(urls: string[], n: number) {
  const batch = 200;
  for (let i = 0; i < n; i += batch) {
    const opened = await Promise.all(
      Array.from({ length: Math.min(batch, n - i) }, (_, k) => open(urls[(i + k) % urls.length]!)),
    );
    sockets.push(...opened);
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
      for (const sock of sockets) sock.destroy();
      sockets.length = 0;
      process.send!({ ok: true });
    }
  } catch (err) {
    process.send!({ ok: false, error: String(err) });
  }
});
process.send!({ ok: true, ready: true });
