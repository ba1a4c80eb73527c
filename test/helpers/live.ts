import type { TestApp } from './app.js';
import { registrationRow } from './factories.js';

/** The seed seminar, small: a published event with two speakers and a rundown of four items. */
export async function seedLiveEvent(t: TestApp, organizer: string, slug?: string) {
  const post = async (url: string, payload: unknown) => {
    const r = await t.inject({
      method: 'POST',
      url,
      token: organizer,
      payload: payload as Record<string, unknown>,
    });
    if (r.statusCode >= 300) throw new Error(`${url}: ${r.statusCode} ${r.body}`);
    return r.json();
  };
  const event = await post('/api/v1/events', {
    title: 'Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
    startsAt: '2021-12-30T09:00:00+07:00',
    endsAt: '2021-12-30T12:00:00+07:00',
    venue: { name: 'Aula Kelurahan Kanigaran', address: 'Kota Probolinggo', capacity: 52 },
    online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
    ...(slug ? { slug } : {}),
  });
  await post(`/api/v1/events/${event.id}/publish`, {});
  const lurah = await post(`/api/v1/events/${event.id}/people`, {
    name: 'Dwi Arianto',
    backTitles: 'S.Sos., M.M.',
    position: 'Lurah Kanigaran',
    role: 'official',
    presence: 'onsite',
  });
  const speaker = await post(`/api/v1/events/${event.id}/people`, {
    name: 'Choirul Arifin',
    backTitles: 'S.St.Pi., M.M',
    position: 'Kasi Pengembangan Usaha Mikro DKUPP',
    institution: 'Kota Probolinggo',
    role: 'speaker',
    presence: 'onsite',
  });
  const agenda = [];
  for (const [i, item] of [
    { kind: 'opening', title: 'Sambutan Lurah Kanigaran', personIds: [lurah.id] },
    { kind: 'talk', title: 'Pemateri 1: Peran pemerintah', personIds: [speaker.id] },
    { kind: 'qa', title: 'Sesi tanya jawab', personIds: [] },
    { kind: 'closing', title: 'Penutup', personIds: [] },
  ].entries()) {
    agenda.push(
      await post(`/api/v1/events/${event.id}/agenda`, {
        ...item,
        startsAt: `2021-12-30T${String(9 + i).padStart(2, '0')}:00:00+07:00`,
        endsAt: `2021-12-30T${String(9 + i).padStart(2, '0')}:30:00+07:00`,
      }),
    );
  }
  return {
    event: event as { id: string; slug: string },
    lurah,
    speaker,
    agenda: agenda as { id: string; title: string }[],
  };
}

/**
 * A confirmed ticket, written straight to the registrations table (the registrations module owns the
 * public route; the live room only reads tickets).
 */
export async function makeTicket(t: TestApp, eventId: string, mode: 'onsite' | 'online', name = 'Peserta') {
  const row = registrationRow(eventId, { name, mode });
  await t.app.ctx.db.insertInto('registrations').values(row).execute();
  return { id: row.id, ticketCode: row.ticket_code };
}

/**
 * A browser session for a user made by `tokenFor` (password `password123`), through the login API:
 * the cookie value and the session's CSRF token, as a browser would hold them.
 */
export async function sessionFor(t: TestApp, email: string, password = 'password123') {
  const r = await t.inject({ method: 'POST', url: '/api/v1/auth/login', payload: { email, password } });
  if (r.statusCode !== 200) throw new Error(`login ${email}: ${r.statusCode} ${r.body}`);
  const token = r.cookies.find((c) => c.name === 'aula_session')?.value;
  if (!token) throw new Error(`login ${email}: no session cookie`);
  return { token, csrf: (r.json() as { csrfToken: string }).csrfToken };
}
