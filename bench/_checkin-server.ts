// The server side of bench/checkin.ts, in its own process so the load generator does not share its
// event loop: one Aula node (SQLite file, or PostgreSQL when DATABASE_URL says so), a published event
// with many confirmed hall registrations, and a check-in staff token.
import { mkdtempSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import pg from 'pg';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';

const PEOPLE = Number(process.env.BENCH_PEOPLE ?? 60_000);
const dir = mkdtempSync(join(tmpdir(), 'aula-bench-checkin-'));
// PostgreSQL: a database of its own for this run, dropped at the end.
const pgAdmin = process.env.BENCH_PG_URL;
let pgUrl: string | undefined;
const pgName = `aula_bench_checkin_${process.pid}`;
if (pgAdmin) {
  const c = new pg.Client({ connectionString: pgAdmin });
  await c.connect();
  await c.query(`CREATE DATABASE ${pgName}`);
  await c.end();
  const u = new URL(pgAdmin);
  u.pathname = `/${pgName}`;
  pgUrl = u.toString();
}
const sqlitePath = join(dir, 'bench.sqlite');
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: pgUrl ?? `sqlite:${sqlitePath}`,
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
  PUBLIC_URL: 'http://aula.bench',
});
const app = await buildApp(config, { logger: false });
const db = app.ctx.db;
await app.ctx.services.auth.createUser({
  email: 'org@bench.test',
  password: 'password123',
  role: 'organizer',
});
const door = await app.ctx.services.auth.createUser({
  email: 'door@bench.test',
  password: 'password123',
  role: 'checkin',
  name: 'Rina',
});
const orgToken = await app.ctx.services.auth.createApiToken('org@bench.test');
const token = await app.ctx.services.auth.createApiToken('door@bench.test');
const created = await app.inject({
  method: 'POST',
  url: '/api/v1/events',
  headers: { authorization: `Bearer ${orgToken}` },
  payload: {
    title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
    // On now: scans, joins and codes count only inside the event's presence window.
    startsAt: new Date(Date.now() - 60 * 60_000).toISOString(),
    endsAt: new Date(Date.now() + 2 * 60 * 60_000).toISOString(),
    venue: { name: 'Aula Kelurahan Kanigaran', capacity: PEOPLE },
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
  },
});
const eventId = created.json().id as string;
await app.inject({
  method: 'POST',
  url: `/api/v1/events/${eventId}/publish`,
  headers: { authorization: `Bearer ${orgToken}` },
});
await app.ctx.services.eventsManage.setTeamRole(eventId, door.id, 'checkin');
const people = await seedRegistrations(db, eventId, PEOPLE, { prefix: 'Peserta' });
// Fresh statistics after the bulk load, as autovacuum would have them on a database that grew by
// registrations over weeks (without them PostgreSQL plans a 40,000-row scan for a primary-key lookup).
await sql`analyze`.execute(db);
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;
process.send?.({
  port,
  eventId,
  token,
  codes: people.map((p) => p.ticketCode),
  sqlitePath: pgUrl ? null : sqlitePath,
  pgUrl,
});
process.on('message', async (m) => {
  if (m === 'stop') {
    await app.close();
    process.send?.('stopped');
  }
  if (m === 'drop') {
    if (pgAdmin) {
      const c = new pg.Client({ connectionString: pgAdmin });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${pgName} WITH (FORCE)`);
      await c.end();
    }
    process.exit(0);
  }
});
