import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { createTestDatabase } from './helpers/app.js';
import { PG_URL, REDIS_URL, REQUIRE_ALL } from './helpers/env.js';
import { person } from './helpers/registrations.js';
import {
  freePort,
  organizerToken,
  type ServerProcess,
  serverEnv,
  startServer,
} from './helpers/server-process.js';

/**
 * The shipped deploy/nginx.conf in front of two app nodes on PostgreSQL + Redis: 200 live clients and a
 * stream of registrations go through nginx, one node is killed with SIGKILL, and every client resumes on
 * the other node from its sequence number with nothing missed and nothing repeated; every registration
 * succeeds exactly once (clients retry, as the registration page does).
 */
const NGINX = ['/usr/sbin/nginx', '/usr/bin/nginx'].find((p) => existsSync(p));
// deploy/Caddyfile too, where Caddy is installed (CI installs nginx only).
const CADDY = ['/usr/bin/caddy', '/usr/local/bin/caddy'].find((p) => existsSync(p));
const services = Boolean(PG_URL && REDIS_URL);
if (!(NGINX && services) && REQUIRE_ALL)
  throw new Error('The nginx test needs Debian nginx, PostgreSQL and Redis (.ci/run installs them)');
const PROXIES = [
  ...(NGINX && services ? (['nginx'] as const) : []),
  ...(CADDY && services ? (['caddy'] as const) : []),
];

const CLIENTS = 200;
const REGISTRATIONS = 300;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** One live-room client as client/_live-conn.ts behaves: resumes from the last number it applied. */
class LiveClient {
  last = -1;
  applied: number[] = [];
  repeats = 0;
  snapshots = 0;
  reconnects = 0;
  open = false;
  private ws: WebSocket | null = null;
  private stopped = false;
  constructor(private base: string) {}

  connect(): Promise<void> {
    return new Promise((resolve) => {
      const ws = new WebSocket(`${this.base}${this.last >= 0 ? `?since=${this.last}` : ''}`);
      this.ws = ws;
      ws.on('message', (data) => {
        const m = JSON.parse(String(data)) as { s: number; t: string };
        if (m.t === 'snapshot') {
          this.snapshots++;
          this.last = m.s;
        } else if (m.s <= this.last) this.repeats++;
        else {
          if (this.last >= 0 && m.s !== this.last + 1) this.applied.push(-1); // a hole: marks a missed number
          this.applied.push(m.s);
          this.last = m.s;
        }
        this.open = true;
        resolve();
      });
      ws.on('open', () => {
        this.open = true;
        // A resume with nothing missed sends nothing: being open is enough.
        if (this.last >= 0) resolve();
      });
      ws.on('error', () => undefined);
      ws.on('close', () => {
        this.open = false;
        if (this.stopped) return;
        this.reconnects++;
        setTimeout(() => void this.connect().then(resolve), 100 + Math.random() * 200);
      });
    });
  }

  stop(): void {
    this.stopped = true;
    this.ws?.close();
  }
}

/** The proxy in front of two nodes, from the shipped file with this run's ports. */
function startProxy(
  proxy: 'nginx' | 'caddy',
  prefix: string,
  p1: number,
  p2: number,
  front: number,
): ChildProcess {
  mkdirSync(join(prefix, 'logs'), { recursive: true });
  const deploy = (f: string) =>
    readFileSync(join(import.meta.dirname, '..', 'deploy', f), 'utf8')
      .replace('127.0.0.1:3001', `127.0.0.1:${p1}`)
      .replace('127.0.0.1:3002', `127.0.0.1:${p2}`);
  if (proxy === 'caddy') {
    // Plain HTTP on a loopback port instead of the site's name (no certificate in a test), no admin API.
    const file = `{\n\tadmin off\n}\n${deploy('Caddyfile').replace('seminar.example.ac.id {', `http://127.0.0.1:${front} {`)}`;
    writeFileSync(join(prefix, 'Caddyfile'), file);
    return spawn(CADDY!, ['run', '--config', join(prefix, 'Caddyfile'), '--adapter', 'caddyfile'], {
      env: { PATH: '/usr/bin:/bin', HOME: prefix, XDG_DATA_HOME: prefix, XDG_CONFIG_HOME: prefix },
      stdio: ['ignore', 'ignore', 'ignore'],
    });
  }
  const site = deploy('nginx.conf')
    .replace('listen 80;', `listen 127.0.0.1:${front};`)
    .replace('listen [::]:80;', '');
  writeFileSync(join(prefix, 'site.conf'), site);
  writeFileSync(
    join(prefix, 'nginx.conf'),
    `daemon off;\nmaster_process off;\npid ${prefix}/nginx.pid;\nerror_log ${prefix}/logs/error.log warn;\n` +
      `events { worker_connections 4096; }\nhttp {\n  access_log off;\n` +
      ['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi']
        .map((k) => `  ${k}_temp_path ${prefix}/${k};\n`)
        .join('') +
      `  include ${prefix}/site.conf;\n}\n`,
  );
  return spawn(NGINX!, ['-p', prefix, '-c', join(prefix, 'nginx.conf')], {
    stdio: ['ignore', 'ignore', 'ignore'],
  });
}

describe.each(PROXIES)('two nodes behind %s (deploy/)', (proxy) => {
  const dir = mkdtempSync(join(tmpdir(), `aula-${proxy}-`));
  let db: Awaited<ReturnType<typeof createTestDatabase>>;
  let nodes: ServerProcess[] = [];
  let nginx: ChildProcess | null = null;
  let base = '';
  let token = '';

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    const env = serverEnv(join(dir, 'data'), db.url, {
      REDIS_URL: REDIS_URL!,
      REDIS_PREFIX: `aula-${proxy}-${process.pid}-${Date.now()}`,
      TRUST_PROXY: 'true',
    });
    token = await organizerToken(env);
    const [p1, p2, front] = [await freePort(), await freePort(), await freePort()];
    const started = await Promise.allSettled([startServer(env, p1), startServer(env, p2)]);
    nodes = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) throw failed.reason;

    const prefix = join(dir, proxy);
    nginx = startProxy(proxy, prefix, p1, p2, front);
    base = `127.0.0.1:${front}`;
    for (let i = 0; i < 100; i++) {
      const ok = await fetch(`http://${base}/api/health/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await sleep(50);
    }
    throw new Error(`${proxy} did not come up`);
  }, 120_000);

  afterAll(async () => {
    nginx?.kill('SIGTERM');
    for (const n of nodes) {
      n.child.kill('SIGKILL');
      await n.exited;
    }
    await db?.drop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('survives SIGKILL of a node: live clients resume exactly, registrations succeed once each', async () => {
    const api = async (method: string, path: string, body?: unknown) => {
      // As the pages do: a failed or 5xx request is tried again.
      for (let attempt = 0; ; attempt++) {
        try {
          const r = await fetch(`http://${base}${path}`, {
            method,
            headers: {
              authorization: `Bearer ${token}`,
              ...(body ? { 'content-type': 'application/json' } : {}),
            },
            body: body ? JSON.stringify(body) : undefined,
          });
          if (r.status < 500 || attempt >= 20) return r;
        } catch (err) {
          if (attempt >= 20) throw err;
        }
        await sleep(100);
      }
    };
    const created = await api('POST', '/api/v1/events', {
      title: 'Seminar di belakang nginx',
      startsAt: '2031-12-30T09:00:00+07:00',
      endsAt: '2031-12-30T12:00:00+07:00',
      venue: { name: 'Aula', address: 'Probolinggo', capacity: 5000 },
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api('POST', `/api/v1/events/${id}/publish`)).status).toBe(200);

    const clients = Array.from(
      { length: CLIENTS },
      () => new LiveClient(`ws://${base}/api/v1/events/${id}/live`),
    );
    await Promise.all(clients.map((c) => c.connect()));

    // Live updates: the moderator opens and closes the Q&A, one numbered update each.
    let updating = true;
    let updates = 0;
    const updater = (async () => {
      for (let open = false; updating; open = !open) {
        const r = await api('PATCH', `/api/v1/events/${id}/live/settings`, { qaOpen: open });
        expect(r.status).toBe(200);
        updates++;
        await sleep(20);
      }
    })();
    // Registrations: ten phones at a time, each retried until it is answered.
    const outcomes: number[] = [];
    let nextPerson = 0;
    const registrar = async () => {
      while (nextPerson < REGISTRATIONS) {
        const i = nextPerson++;
        const r = await api('POST', `/api/v1/events/${id}/registrations`, person(i));
        // A retry of a sign-up that did commit before its node died is answered "already registered".
        const body = (await r.json()) as { error?: { code: string } };
        outcomes.push(
          r.status === 201
            ? 201
            : r.status === 409 && body.error?.code === 'already_registered'
              ? 409
              : r.status,
        );
      }
    };
    const registering = Promise.all(Array.from({ length: 10 }, registrar));

    while (updates < 20 || outcomes.length < REGISTRATIONS / 4) await sleep(20);
    nodes[0]!.child.kill('SIGKILL');
    await nodes[0]!.exited;
    const killedAt = updates;
    while (updates < killedAt + 40) await sleep(20);
    await registering;
    updating = false;
    await updater;

    // Everyone catches up to the last number on the surviving node.
    const final = await new Promise<number>((resolve) => {
      const probe = new WebSocket(`ws://${base}/api/v1/events/${id}/live`);
      probe.once('message', (d) => {
        resolve((JSON.parse(String(d)) as { s: number }).s);
        probe.close();
      });
    });
    for (let i = 0; i < 200 && clients.some((c) => c.last < final); i++) await sleep(50);
    for (const c of clients) c.stop();

    console.log(
      `${proxy}: ${updates} updates (last #${final}), ${clients.filter((c) => c.reconnects > 0).length} of ${CLIENTS} clients moved, ` +
        `${outcomes.filter((s) => s === 409).length} registrations answered on retry`,
    );
    expect(clients.filter((c) => c.last !== final).length, 'clients behind the last update').toBe(0);
    expect(
      clients.reduce((n, c) => n + c.repeats, 0),
      'repeated updates',
    ).toBe(0);
    expect(clients.filter((c) => c.applied.includes(-1)).length, 'clients with a missed update').toBe(0);
    // Only the first connection brought a snapshot: every reconnect resumed from the log.
    expect(clients.filter((c) => c.snapshots !== 1).length).toBe(0);
    const moved = clients.filter((c) => c.reconnects > 0).length;
    expect(moved, 'clients that were on the killed node').toBeGreaterThan(CLIENTS / 4);

    expect(outcomes.filter((s) => s !== 201 && s !== 409)).toEqual([]);
    const list = await api('GET', `/api/v1/events/${id}/registrations?limit=1000`);
    const rows = ((await list.json()) as { registrations: { phone: string }[] }).registrations;
    expect(rows.length).toBe(REGISTRATIONS);
    expect(new Set(rows.map((r) => r.phone)).size).toBe(REGISTRATIONS);
  }, 90_000);
});
