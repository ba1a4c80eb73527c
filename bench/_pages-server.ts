// The servers measured by bench/pages.ts, in their own process so the load generator does not share
// their event loop: the whole Aula app on a fresh SQLite file with the demo event (its /api/health, with
// the same browser headers, is the baseline), and a plain Fastify route returning a constant (reported
// beside it, as earlier runs used it). Prints one JSON line with both ports.
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import { buildApp } from '../src/app.js';
import { loadConfig } from '../src/config.js';

const dir = mkdtempSync(join(tmpdir(), 'aula-bench-'));
const config = loadConfig({
  DATA_DIR: dir,
  DATABASE_URL: `sqlite:${join(dir, 'bench.sqlite')}`,
  LOG_LEVEL: 'silent',
  SESSION_SECRET: 'bench-secret-bench-secret-bench-secret-1',
  PUBLIC_URL: 'http://aula.bench',
  NODE_ENV: 'production',
});
const app = await buildApp(config, { logger: false });
const { slug } = await app.ctx.services.demo.load({ ownerEmail: null, dataDir: config.dataDir });

// For the logged-in list (never cached): 30 more published events by another organizer, with the
// measured caller a team moderator on each, so the join links depend on one role per event.
for (const email of ['creator@bench.test', 'moderator@bench.test']) {
  await app.ctx.services.auth.createUser({ email, password: 'bench-password', role: 'organizer' });
}
const creator = await app.ctx.services.auth.createApiToken('creator@bench.test');
const token = await app.ctx.services.auth.createApiToken('moderator@bench.test');
const as = (t: string) => ({ authorization: `Bearer ${t}` });
for (let i = 0; i < 30; i++) {
  const r = await app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: as(creator),
    payload: {
      title: `Seminar UMKM seri ${i + 1}`,
      startsAt: '2026-03-05T09:00:00+07:00',
      endsAt: '2026-03-05T12:00:00+07:00',
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1234567890' },
    },
  });
  const { id } = r.json() as { id: string };
  await app.inject({ method: 'POST', url: `/api/v1/events/${id}/publish`, headers: as(creator) });
  await app.inject({
    method: 'PUT',
    url: `/api/v1/events/${id}/team`,
    headers: as(creator),
    payload: { email: 'moderator@bench.test', role: 'moderator' },
  });
}
await app.listen({ port: 0, host: '127.0.0.1' });

const plain = Fastify({ logger: false });
plain.get('/plain', async () => ({ status: 'ok' }));
await plain.listen({ port: 0, host: '127.0.0.1' });

console.log(
  JSON.stringify({
    app: (app.server.address() as AddressInfo).port,
    plain: (plain.server.address() as AddressInfo).port,
    slug,
    token,
  }),
);

const stop = async () => {
  await plain.close();
  await app.close();
  rmSync(dir, { recursive: true, force: true });
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
