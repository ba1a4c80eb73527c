// The server side of bench/registration.ts, in its own process so the load generator does not share its
// event loop: one Aula node on a fresh SQLite file, an organizer, a published event with 52 hall places.
// The bench registers through the API and through the event's form (/e/:slug/daftar), so both id and slug go back.
import type { AddressInfo } from 'node:net';
import { benchNode } from './_node.js';

// The load comes through a proxy as from many carrier NAT addresses (see the bench's notes).
const node = await benchNode('reg', { TRUST_PROXY: 'true' });
const { app, organizerToken: token } = node;
let nth = 0;
/** A published event like the seed seminar: 52 places in the hall, the online room unlimited. */
async function publishedEvent(): Promise<{ id: string; slug: string }> {
  const created = await app.inject({
    method: 'POST',
    url: '/api/v1/events',
    headers: { authorization: `Bearer ${token}` },
    payload: {
      title: `Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19${nth++ ? ` ${nth}` : ''}`,
      startsAt: '2031-12-30T09:00:00+07:00',
      endsAt: '2031-12-30T12:00:00+07:00',
      venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
    },
  });
  const { id, slug } = created.json() as { id: string; slug: string };
  await app.inject({
    method: 'POST',
    url: `/api/v1/events/${id}/publish`,
    headers: { authorization: `Bearer ${token}` },
  });
  return { id, slug };
}
const events = [await publishedEvent()];
await app.listen({ port: 0, host: '127.0.0.1' });
const port = (app.server.address() as AddressInfo).port;
process.send?.({ ready: true, port, eventId: events[0]!.id, slug: events[0]!.slug });

async function tally(eventId: string) {
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
  return {
    total: rows.length,
    onsiteConfirmed,
    onlineConfirmed: rows.filter((r) => r.mode === 'online' && r.status === 'confirmed').length,
    waitlisted: rows.filter((r) => r.status === 'waitlisted').length,
    counter: Object.fromEntries(counter.map((c) => [c.mode, c.taken])),
  };
}

// 'event': a fresh event, so each measured phase starts on an event of the same size (a phase run on an event
// that earlier phases filled would pay for their rows). 'cpu': the process's CPU time so far, so the bench can
// tell the cost of one registration on each path apart from the machine's load. 'report': every event's tally, then exit.
process.on('message', async (m: { cmd: string }) => {
  if (m.cmd === 'cpu') {
    const u = process.cpuUsage();
    process.send?.({ cpuMicros: u.user + u.system });
    return;
  }
  if (m.cmd === 'event') {
    const e = await publishedEvent();
    events.push(e);
    process.send?.(e);
    return;
  }
  if (m.cmd !== 'report') return;
  process.send?.(await Promise.all(events.map((e) => tally(e.id))));
  await node.close();
  process.exit(0);
});
