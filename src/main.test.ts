import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { type AddressInfo, connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import {
  organizerToken,
  type ServerProcess,
  serverEnv,
  startServer,
} from '../test/helpers/server-process.js';

/** A request whose body is still arriving: `finish()` sends the rest and resolves with the status line. */
function slowRequest(port: number, path: string, body: string) {
  const sock = connect({ host: '127.0.0.1', port });
  let answer = '';
  const done = new Promise<string>((resolve) => {
    sock.on('data', (d) => {
      answer += d;
    });
    sock.on('close', () => resolve(answer));
    sock.on('error', () => resolve(answer));
  });
  const half = Math.floor(body.length / 2);
  const opened = new Promise<void>((resolve) => sock.once('connect', resolve));
  void opened.then(() =>
    sock.write(
      `POST ${path} HTTP/1.1\r\nHost: aula.test\r\nContent-Type: application/json\r\n` +
        `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body.slice(0, half)}`,
    ),
  );
  return {
    opened,
    finish: () => {
      sock.write(body.slice(half));
      return done;
    },
    answer: () => done,
  };
}

const canConnect = (port: number) =>
  new Promise<boolean>((resolve) => {
    const s = connect({ host: '127.0.0.1', port });
    s.once('connect', () => {
      s.destroy();
      resolve(true);
    });
    s.once('error', () => resolve(false));
  });

describe('SIGTERM (graceful shutdown)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aula-shutdown-'));
  // Every server a test starts; one a failed test left running is killed here.
  const servers: ServerProcess[] = [];
  const start = async (env: Record<string, string>) => {
    const s = await startServer(env);
    servers.push(s);
    return s;
  };
  afterAll(() => {
    for (const s of servers)
      if (s.child.exitCode === null && s.child.signalCode === null) s.child.kill('SIGKILL');
    rmSync(dir, { recursive: true, force: true });
  });

  it('stops accepting, tells live clients to reconnect, finishes requests in flight, then exits', async () => {
    const env = serverEnv(dir, `sqlite:${join(dir, 'aula.sqlite')}`);
    const token = await organizerToken(env);
    const server = await start(env);
    const api = (path: string, init: RequestInit = {}) =>
      fetch(`${server.url}${path}`, {
        ...init,
        headers: {
          authorization: `Bearer ${token}`,
          ...(init.body ? { 'content-type': 'application/json' } : {}),
        },
      });
    const created = await api('/api/v1/events', {
      method: 'POST',
      body: JSON.stringify({
        title: 'Seminar yang berhenti dengan rapi',
        startsAt: '2031-12-30T09:00:00+07:00',
        endsAt: '2031-12-30T12:00:00+07:00',
        venue: { name: 'Aula', address: 'Probolinggo', capacity: 50 },
      }),
    });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: string };
    expect((await api(`/api/v1/events/${id}/publish`, { method: 'POST' })).status).toBe(200);

    const ws = new WebSocket(`ws://127.0.0.1:${server.port}/api/v1/events/${id}/live`);
    const closed = new Promise<{ code: number; reason: string }>((resolve) =>
      ws.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
    );
    await new Promise((resolve) => ws.once('message', resolve));

    // A participant's registration is mid-upload when the signal comes.
    const body = JSON.stringify({
      name: 'Siti Rahma',
      phone: '081234567890',
      institution: 'UMKM Kanigaran',
      mode: 'onsite',
      consent: true,
    });
    const inFlight = slowRequest(server.port, `/api/v1/events/${id}/registrations`, body);
    await inFlight.opened;
    // Time for the server to read the headers: a connection with a request under way is not idle.
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');

    expect(await closed).toEqual({ code: 1012, reason: 'restart' });
    // No new connections once shutting down…
    let refused = false;
    for (let i = 0; i < 50 && !refused; i++) {
      refused = !(await canConnect(server.port));
      if (!refused) await new Promise((r) => setTimeout(r, 100));
    }
    expect(refused).toBe(true);
    // …but the request in flight is finished and acknowledged, then the process exits cleanly.
    const answer = await inFlight.finish();
    expect(answer).toMatch(/^HTTP\/1\.1 201 /);
    expect(await server.exited).toBe(0);

    // The acknowledged registration is there after the restart.
    const again = await start(env);
    try {
      const list = await fetch(`${again.url}/api/v1/events/${id}/registrations`, {
        headers: { authorization: `Bearer ${token}` },
      });
      const names = ((await list.json()) as { registrations: { name: string }[] }).registrations.map(
        (r) => r.name,
      );
      expect(names).toEqual(['Siti Rahma']);
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 120_000);

  it('leaves queued work for the next start', async () => {
    // A receiving system that is down until the node has been restarted.
    let up = false;
    const delivered: string[] = [];
    let attempts = 0;
    const recv = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => {
        body += c;
      });
      req.on('end', () => {
        attempts++;
        if (!up) return void res.writeHead(503).end('down');
        delivered.push(body);
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => recv.listen(0, '127.0.0.1', r));
    const hookUrl = `http://127.0.0.1:${(recv.address() as AddressInfo).port}/hook`;
    const sub = mkdtempSync(join(dir, 'queued-'));
    const env = serverEnv(sub, `sqlite:${join(sub, 'aula.sqlite')}`, {
      WEBHOOKS_ALLOW_PRIVATE: 'true',
      JOBS_RETRY_SECONDS: '1',
      JOBS_POLL_MS: '100',
    });
    const token = await organizerToken(env);
    let server = await start(env);
    try {
      const api = (path: string, body?: unknown) =>
        fetch(`${server.url}${path}`, {
          method: 'POST',
          headers: {
            authorization: `Bearer ${token}`,
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
        });
      const created = await api('/api/v1/events', {
        title: 'Seminar dengan antrean kerja',
        startsAt: '2031-12-30T09:00:00+07:00',
        endsAt: '2031-12-30T12:00:00+07:00',
        venue: { name: 'Aula', address: 'Probolinggo', capacity: 50 },
      });
      const { id } = (await created.json()) as { id: string };
      expect((await api(`/api/v1/events/${id}/publish`)).status).toBe(200);
      const hook = await api('/api/v1/webhooks', {
        url: hookUrl,
        events: ['registration.created'],
        eventId: id,
      });
      expect(hook.status, await hook.clone().text()).toBe(201);
      const reg = await fetch(`${server.url}/api/v1/events/${id}/registrations`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: 'Budi', phone: '081234567891', mode: 'onsite', consent: true }),
      });
      expect(reg.status).toBe(201);
      // The delivery was tried and is waiting for its retry when the node is stopped.
      for (let i = 0; i < 200 && attempts === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(attempts).toBeGreaterThan(0);
      server.child.kill('SIGTERM');
      expect(await server.exited).toBe(0);

      up = true;
      server = await start(env);
      for (let i = 0; i < 400 && delivered.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
      expect(delivered.length).toBe(1);
      expect(JSON.parse(delivered[0]!)).toMatchObject({ type: 'registration.created' });
    } finally {
      server.child.kill('SIGTERM');
      await server.exited;
      await new Promise((r) => recv.close(r));
    }
  }, 120_000);

  it('cuts off a request that is not done 10 s after the signal', async () => {
    const sub = mkdtempSync(join(dir, 'stuck-'));
    const env = serverEnv(sub, `sqlite:${join(sub, 'aula.sqlite')}`);
    const server = await start(env);
    const stuck = slowRequest(
      server.port,
      '/api/v1/events/x/registrations',
      JSON.stringify({ name: 'x'.repeat(100) }),
    );
    await stuck.opened;
    // Time for the server to read the headers: a connection with a request under way is not idle.
    await new Promise((r) => setTimeout(r, 500));
    server.child.kill('SIGTERM');
    expect(await server.exited).toBe(1);
    expect(server.output()).toContain('requests still running after 10 s');
  }, 90_000);
});

describe('what `npm start` tells the person who runs it', () => {
  const dir = mkdtempSync(join(tmpdir(), 'aula-start-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));
  // A server's usual locale, which says nothing of the operator.
  const quiet = { AULA_LANG: '', LC_ALL: '', LC_MESSAGES: '', LANG: 'C.UTF-8' };

  it('says where Aula runs and the one-time setup link in Indonesian; English when asked', async () => {
    const env = { ...serverEnv(dir, `sqlite:${join(dir, 'aula.sqlite')}`), ...quiet };
    const first = await startServer(env);
    try {
      expect(first.output()).toMatch(
        /Aula berjalan di http:\/\/aula\.test\n {2}Pertama kali: buat akun administrator di sini \(tautan sekali pakai\):\n {2}http:\/\/aula\.test\/setup\?token=\S+/,
      );
    } finally {
      first.child.kill('SIGTERM');
      await first.exited;
    }
    const again = await startServer({ ...env, AULA_LANG: 'en' });
    try {
      expect(again.output()).toMatch(
        /Aula is running at http:\/\/aula\.test\n {2}First start: create the administrator/,
      );
    } finally {
      again.child.kill('SIGTERM');
      await again.exited;
    }
  }, 90_000);

  it('refuses a setting it cannot use with its name and the way out, not a stack trace', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'main.ts')], {
      cwd: join(import.meta.dirname, '..'),
      env: { ...process.env, ...quiet, DATA_DIR: dir, DATABASE_URL: 'mysql://localhost/aula' },
      encoding: 'utf8',
    });
    expect(r.status).toBe(2);
    expect(r.stderr.trim()).toBe('DATABASE_URL harus diawali sqlite: atau postgres:// (tertulis "mysql:")');
  }, 60_000);
});
