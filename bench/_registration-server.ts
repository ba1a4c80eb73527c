// The server side of bench/registration.ts, in its own process so the load generator does not share its
// event loop: one Aula node on a fresh SQLite file, an organizer, a published event with 52 hall places.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'aula-bench-reg-'));
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
  PUBLIC_URL: 'http://aula.bench',
  // The load comes through a proxy as from many carrier NAT addresses (see the bench's notes).
  TRUST_PROXY: 'true',
});
const app = await buildApp(config, { logger: false });
await app.ctx.services.auth.createUser({
  email: 'org@bench.test',
  password: 'password123',
  role: 'organizer',
});
const token = await app.ctx.services.auth.createApiToken('org@bench.test');
const created = await app.inject({
  method: 'POST',
  url: '/api/v1/events',
  headers: { authorization: `Bearer ${token}` },
  payload: {
    title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
    startsAt: '2031-12-30T09:00:00+07:00',
    endsAt: '2031-12-30T12:00:00+07:00',
    venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
  },
});
const eventId = created.json().id as string;
await app.inject({
  method: 'POST',
  url: `/api/v1/events/${eventId}/publish`,
  headers: { authorization: `Bearer ${token}` },
});
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;
process.send?.({ ready: true, port, eventId });

process.on('message', async (m: { cmd: string }) => {
  if (m.cmd !== 'report') return;
  const db = app.ctx.db;
  const rows = await db
    .selectFrom('registrations')
    .select(['mode', 'status', 'seat_id'])
    .where('event_id', '=', eventId)
    .execute();
  const counter = await db
    .selectFrom('registration_counters')
    .selectAll()
    .where('event_id', '=', eventId)
    .execute();
  const onsiteConfirmed = rows.filter((r) => r.mode === 'onsite' && r.status === 'confirmed').length;
  process.send?.({
    total: rows.length,
    onsiteConfirmed,
    onlineConfirmed: rows.filter((r) => r.mode === 'online' && r.status === 'confirmed').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    counter: Object.fromEntries(counter.map((c) => [c.mode, c.taken])),
  });
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
});
