// The server side of bench/size.ts, in its own process so the load generator does not share its event loop:
// one Aula node on a fresh SQLite file with two published events that differ only in size — 100 registrations
// and 20,000 (BENCH_BIG) — each with the same share of people already checked in, joined online and having
// entered a code, open attendance codes and approved questions. The bench then times one participant's
// requests on each. Messages: 'uncheck' (clear the check-ins the bench made, so a small event has tickets
// to scan again), 'forget' (remove the people the bench registered through the form, so each event keeps
// its size), 'stop'.
import type { AddressInfo } from 'node:net';
import { sql } from 'kysely';
import { seedRegistrations } from '../test/helpers/seed-registrations.js';
import { benchNode } from './_node.js';

const SIZES = [100, Number(process.env.BENCH_BIG ?? 20_000)];
const CODES = 12;
const QUESTIONS = 4;

// Participants come through a proxy from many carrier addresses (per-address limits stay per person).
const node = await benchNode('size', { TRUST_PROXY: 'true' });
const { app, organizerToken: token } = node;
const db = app.ctx.db;
const as = { authorization: `Bearer ${token}` };

async function call(method: 'POST' | 'PUT' | 'PATCH', url: string, payload?: object) {
  const r = await app.inject({ method, url, headers: as, payload });
  if (r.statusCode >= 400) throw new Error(`${method} ${url}: ${r.statusCode} ${r.body}`);
  return r.json() as Record<string, unknown>;
}

/** Seeds one event of `size` people: half in the hall, half online, with the same shares of activity. */
async function seedEvent(size: number) {
  const now = Date.now();
  const created = await call('POST', '/api/v1/events', {
    title: `Strategi Pemulihan Perekonomian UMKM (${size.toLocaleString('id-ID')} peserta)`,
    startsAt: new Date(now + 10 * 60_000).toISOString(),
    endsAt: new Date(now + 190 * 60_000).toISOString(),
    venue: { name: 'Aula Kelurahan Kanigaran', capacity: size + 10_000 },
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
  });
  const eventId = created.id as string;
  const slug = created.slug as string;
  await call('POST', `/api/v1/events/${eventId}/publish`);
  const hall = await seedRegistrations(db, eventId, size / 2, { prefix: 'Luring' });
  const remote = await seedRegistrations(db, eventId, size / 2, { mode: 'online', prefix: 'Daring' });
  // Beside them a hall waitlist a tenth of the event long, in order of arrival: the bench opens the ticket of
  // the people at its back, whose page says how many are ahead of them.
  const waiting = await seedRegistrations(db, eventId, size / 10, { status: 'waitlisted', prefix: 'Antre' });
  for (const [i, w] of waiting.entries())
    await db
      .updateTable('registrations')
      .set({ waitlist_at: now - 60 * 60_000 + i })
      .where('id', '=', w.id)
      .execute();
  const codes: string[] = [];
  for (let i = 0; i < CODES; i++) {
    const c = await call('POST', `/api/v1/events/${eventId}/attendance/codes`, {
      label: `Sesi ${i + 1}`,
      windowMinutes: 180,
    });
    codes.push(c.code as string);
  }
  const codeIds = (
    await db.selectFrom('attendance_codes').select('id').where('event_id', '=', eventId).execute()
  ).map((c) => c.id);
  // Already there: 40% of the hall checked in, 60% online joined, 50% online entered the first code.
  // The bench scans and types codes with the other people, so its first arrivals are first arrivals.
  const at = now - 5 * 60_000;
  const checkedIn = hall.slice(0, Math.floor(hall.length * 0.4));
  const joined = remote.slice(0, Math.floor(remote.length * 0.6));
  const entered = remote.slice(0, Math.floor(remote.length * 0.5));
  const rows = [
    ...checkedIn.map((p) => ({
      registration_id: p.id,
      event_id: eventId,
      checked_in_at: at,
      checked_in_by_name: 'Rina',
      checkin_method: 'qr',
      join_count: 0,
      updated_at: at,
    })),
    ...joined.map((p) => ({
      registration_id: p.id,
      event_id: eventId,
      joined_at: at,
      last_joined_at: at,
      join_count: 1,
      updated_at: at,
    })),
  ];
  for (let i = 0; i < rows.length; i += 500)
    await db
      .insertInto('attendance')
      .values(rows.slice(i, i + 500))
      .execute();
  const entries = entered.map((p) => ({
    code_id: codeIds[0]!,
    registration_id: p.id,
    event_id: eventId,
    entered_at: at,
  }));
  for (let i = 0; i < entries.length; i += 500)
    await db
      .insertInto('attendance_code_entries')
      .values(entries.slice(i, i + 500))
      .execute();
  const questions: string[] = [];
  for (let i = 0; i < QUESTIONS; i++) {
    const q = await call('POST', `/api/v1/events/${eventId}/questions`, {
      text: `Bagaimana UMKM bisa bertahan di masa pandemi? (${i + 1})`,
      channel: 'online',
    });
    await call('PATCH', `/api/v1/questions/${q.id}`, { status: 'approved' });
    questions.push(q.id as string);
  }
  return {
    size,
    eventId,
    slug,
    codes,
    questions,
    // Not yet checked in: the bench scans these.
    hallFree: hall.slice(checkedIn.length).map((p) => p.ticketCode),
    // Online people who have not entered any code yet (the ticket page shows the code box to them).
    online: remote.slice(entered.length).map((p) => p.ticketCode),
    everyone: [...hall, ...remote].map((p) => p.ticketCode),
    waitlistBack: waiting.slice(-10).map((p) => p.ticketCode),
  };
}

const events = [];
for (const size of SIZES) events.push(await seedEvent(size));
// Fresh statistics after the bulk load, as a database that grew over weeks would have them.
await sql`analyze`.execute(db);
await app.listen({ port: 0, host: '127.0.0.1' });
process.send?.({ port: (app.server.address() as AddressInfo).port, token, events });

process.on('message', async (m: { cmd: string; eventId?: string; tickets?: string[] }) => {
  if (m.cmd === 'uncheck' && m.eventId && m.tickets?.length) {
    const ids = db.selectFrom('registrations').select('id').where('ticket_code', 'in', m.tickets);
    await db
      .deleteFrom('attendance')
      .where('event_id', '=', m.eventId)
      .where('registration_id', 'in', ids)
      .execute();
    await db.deleteFrom('checkin_scans').where('event_id', '=', m.eventId).execute();
    process.send?.({ unchecked: true });
  }
  if (m.cmd === 'forget' && m.eventId && m.tickets?.length) {
    await db
      .deleteFrom('registrations')
      .where('event_id', '=', m.eventId)
      .where('ticket_code', 'in', m.tickets)
      .execute();
    process.send?.({ forgotten: true });
  }
  if (m.cmd === 'stop') {
    await node.close();
    process.exit(0);
  }
});
