import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';
import { normalizePhone } from './phone.js';

describe('phone numbers', () => {
  it('reads the ways Indonesians write them as E.164', () => {
    for (const v of [
      '0812-3456-7890',
      '+62 812 3456 7890',
      '6281234567890',
      '(0812) 3456 7890',
      '+62-812-3456-7890',
    ]) {
      expect(normalizePhone(v), v).toBe('+6281234567890');
    }
    expect(normalizePhone('12345')).toBeNull();
    expect(normalizePhone('0812')).toBeNull();
    expect(normalizePhone('halo')).toBeNull();
  });
});

describe.each(DB_KINDS)('registrations API on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const register = (
    eventId: string,
    payload: Record<string, unknown>,
    url = `/api/v1/events/${eventId}/registrations`,
  ) => t.inject({ method: 'POST', url, payload });

  it('registers for the hall and online, with an unguessable ticket', async () => {
    const e = await publishedEvent(t);
    const r = await register(
      e.slug,
      person(1, { frontTitles: 'Dr.', backTitles: 'S.E., M.Si.', email: 'Siti@Example.test' }),
    );
    expect(r.statusCode).toBe(201);
    const body = r.json();
    expect(body).toMatchObject({ status: 'confirmed', mode: 'onsite' });
    // 48-bit time + 128 random bits in base32: at least 35 characters.
    expect(body.ticketCode.length).toBeGreaterThanOrEqual(35);
    expect(body.ticketUrl).toBe(`http://aula.test/t/${body.ticketCode}`);
    const online = await register(e.id, person(2, { mode: 'online' }));
    expect(online.json()).toMatchObject({ status: 'confirmed', mode: 'online' });
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    const siti = list.json().registrations.find((x: { name: string }) => x.name === 'Peserta 1');
    expect(siti).toMatchObject({
      phone: '+6281210000001',
      email: 'siti@example.test',
      fullName: 'Dr. Peserta 1, S.E., M.Si.',
    });
    expect(siti.consents.privacy.version).toBeTruthy();
    expect(list.json().counts).toMatchObject({ onsite: 1, online: 1 });
  });

  it('registering twice never hands out the existing ticket, even with the same name and phone', async () => {
    const e = await publishedEvent(t);
    const first = await register(e.id, person(3, { email: 'budi@example.test' }));
    const code = first.json().ticketCode as string;
    // A name and a phone number are no secret: the same name and number again get no ticket back.
    for (const again of [
      person(3, { phone: '+62 812 1000 0003' }),
      person(3, { phone: undefined, email: 'BUDI@example.test' }),
      person(3, { name: 'Orang Lain' }),
    ]) {
      const r = await register(e.id, again);
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('already_registered');
      expect(r.body).not.toContain(code);
      // No mailer in this app: the person is told to ask the committee.
      expect(r.json().error.message).toContain('panitia');
    }
    const manual = await register(e.id, person(3), `/api/v1/events/${e.id}/registrations/manual`);
    expect(manual.statusCode).toBe(401);
    const staff = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations/manual`,
      token: e.token,
      payload: person(3),
    });
    // Staff adding the same person again get the row they already have.
    expect(staff.statusCode).toBe(200);
    expect(staff.json().ticketCode).toBe(code);
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    expect(list.json().registrations).toHaveLength(1);
  });

  it('a public sign-up with the contact of a cancelled registration starts afresh, inheriting nothing', async () => {
    const e = await publishedEvent(t);
    const a = (await register(e.id, person(3300, { mode: 'online' }))).json();
    const asked = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/questions`,
      payload: { text: 'Pertanyaan dari tiket lama?', channel: 'online', ticketCode: a.ticketCode },
    });
    expect(asked.statusCode, asked.body).toBe(201);
    await t.inject({ method: 'POST', url: `/api/v1/tickets/${a.ticketCode}/cancel` });
    const b = await register(e.id, person(3300, { name: 'Orang Lain', mode: 'online' }));
    expect(b.statusCode).toBe(201);
    expect(b.json().id).not.toBe(a.id);
    expect(b.json().ticketCode).not.toBe(a.ticketCode);
    const copy = (
      await t.inject({ method: 'GET', url: `/api/v1/tickets/${b.json().ticketCode}/data` })
    ).json();
    expect(copy.registration.name).toBe('Orang Lain');
    expect(JSON.stringify(copy)).not.toContain('tiket lama');
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json();
    expect(list.counts).toMatchObject({ online: 1, cancelled: 1 });
    expect(JSON.stringify(list.registrations)).not.toContain('Peserta 3300');
  });

  it('the same person registering eight times at once (the per-phone limit) gets one ticket', async () => {
    const e = await publishedEvent(t, { capacity: 52 });
    const out = await Promise.all(
      Array.from({ length: 8 }, () => register(e.id, person(7000, { email: 'sama@example.test' }))),
    );
    expect(out.filter((r) => r.statusCode === 201)).toHaveLength(1);
    expect(out.filter((r) => r.statusCode === 409)).toHaveLength(7);
    const code = out.find((r) => r.statusCode === 201)!.json().ticketCode;
    for (const r of out.filter((x) => x.statusCode === 409)) expect(r.body).not.toContain(code);
    const stats = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: e.token })
    ).json();
    expect(stats.registrations.onsite).toBe(1);
  });

  it('limits attempts per phone number, not per address', async () => {
    const e = await publishedEvent(t, { capacity: 52 });
    const same = [];
    for (let i = 0; i < 9; i++) same.push(await register(e.id, person(7100)));
    expect(same.slice(0, 8).every((r) => r.statusCode === 409 || r.statusCode === 201)).toBe(true);
    expect(same[8]!.statusCode).toBe(429);
    expect(same[8]!.json().error.message).toContain('Coba lagi');
    // Other people from the same address still get through.
    expect((await register(e.id, person(7101))).statusCode).toBe(201);
  });

  it('refuses bad input in the caller’s language and writes nothing', async () => {
    const e = await publishedEvent(t);
    const cases: [Record<string, unknown>, string][] = [
      [person(4, { phone: '12345' }), 'phone'],
      [person(4, { email: 'bukan-email' }), 'email'],
      [person(4, { mode: 'hybrid' }), 'mode'],
      [person(4, { consent: false }), 'privasi'],
      [{ ...person(4), consent: undefined }, 'consent'],
      [person(4, { name: '' }), 'name'],
      [person(4, { phone: undefined }), 'WhatsApp'],
    ];
    for (const [payload, hint] of cases) {
      const r = await register(e.id, payload);
      expect(r.statusCode, hint).toBe(400);
      expect(r.json().error.message, hint).toContain(hint);
    }
    const en = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations?lang=en`,
      payload: person(4, { consent: false }),
    });
    expect(en.json().error.message).toContain('privacy notice');
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    expect(list.json().registrations).toHaveLength(0);
  });

  it('refuses unpublished, closed and full-without-waitlist events', async () => {
    const draft = await publishedEvent(t, { publish: false });
    expect((await register(draft.id, person(5))).statusCode).toBe(404);
    const e = await publishedEvent(t, { capacity: 1 });
    const closed = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: e.token,
      payload: { closesAt: '2020-01-01T00:00:00+07:00' },
    });
    expect(closed.statusCode).toBe(200);
    const r = await register(e.id, person(5));
    expect(r.statusCode).toBe(409);
    expect(r.json().error.code).toBe('registration_closed');
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: e.token,
      payload: { closesAt: null, waitlist: false },
    });
    expect((await register(e.id, person(6))).json().status).toBe('confirmed');
    const full = await register(e.id, person(7));
    expect(full.statusCode).toBe(409);
    expect(full.json().error.code).toBe('full');
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    expect(list.json().registrations).toHaveLength(1);
  });

  it('500 simultaneous registrations for 52 hall places: exactly 52 confirmed, the rest waitlisted', async () => {
    const e = await publishedEvent(t, { capacity: 52 });
    const results = await Promise.all(
      Array.from({ length: 500 }, (_, i) => register(e.id, person(1000 + i))),
    );
    expect(results.every((r) => r.statusCode === 201)).toBe(true);
    const statuses = results.map((r) => r.json().status);
    expect(statuses.filter((s) => s === 'confirmed')).toHaveLength(52);
    expect(statuses.filter((s) => s === 'waitlisted')).toHaveLength(448);
    const stats = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: e.token });
    expect(stats.json().registrations).toEqual({ onsite: 52, online: 0, waitlisted: 448, cancelled: 0 });
  });

  it('cancellations and promotions under concurrency never lose or duplicate a place', async () => {
    const e = await publishedEvent(t, { capacity: 10 });
    const regs = [];
    for (let i = 0; i < 30; i++) regs.push((await register(e.id, person(2000 + i))).json());
    const confirmed = regs.filter((r) => r.status === 'confirmed');
    expect(confirmed).toHaveLength(10);
    // Five confirmed people cancel (twice each: a double tap) while five newcomers register, all at once.
    const ops = [
      ...confirmed
        .slice(0, 5)
        .flatMap((r) =>
          [0, 1].map(() => t.inject({ method: 'POST', url: `/api/v1/tickets/${r.ticketCode}/cancel` })),
        ),
      ...Array.from({ length: 5 }, (_, i) => register(e.id, person(3000 + i))),
    ];
    const out = await Promise.all(ops);
    expect(out.every((r) => r.statusCode === 200 || r.statusCode === 201)).toBe(true);
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json();
    const by = (s: string) => list.registrations.filter((r: { status: string }) => r.status === s);
    expect(by('confirmed')).toHaveLength(10);
    expect(by('cancelled')).toHaveLength(5);
    expect(by('waitlisted')).toHaveLength(20);
    // The first five of the waitlist (in order of arrival) got the places.
    const promotedNames = by('confirmed').map((r: { name: string }) => r.name);
    for (const r of regs.filter((x) => x.status === 'waitlisted').slice(0, 5)) {
      const row = list.registrations.find((x: { ticketCode: string }) => x.ticketCode === r.ticketCode);
      expect(promotedNames).toContain(row.name);
    }
  });

  it('switches mode only when the other mode has room, and the freed place goes to the waitlist', async () => {
    const e = await publishedEvent(t, { capacity: 1, onlineCapacity: 1 });
    const a = (await register(e.id, person(4001))).json();
    const b = (await register(e.id, person(4002))).json();
    expect(b.status).toBe('waitlisted');
    const sw = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${a.ticketCode}/mode`,
      payload: { mode: 'online' },
    });
    expect(sw.json()).toMatchObject({ mode: 'online', status: 'confirmed' });
    expect((await t.inject({ method: 'GET', url: `/api/v1/tickets/${b.ticketCode}` })).json().status).toBe(
      'confirmed',
    );
    const c = (await register(e.id, person(4003))).json();
    const noRoom = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${c.ticketCode}/mode`,
      payload: { mode: 'online' },
    });
    expect(noRoom.statusCode).toBe(409);
    expect(noRoom.json().error.code).toBe('no_room');
  });

  it('only the event’s organizers list, export and edit registrations', async () => {
    const e = await publishedEvent(t);
    const r = (await register(e.id, person(5001, { name: '=HYPERLINK("http://x")' }))).json();
    for (const role of ['checkin', 'moderator', 'organizer'] as const) {
      const res = await t.inject({
        method: 'GET',
        url: `/api/v1/events/${e.id}/registrations`,
        token: await t.tokenFor(role),
      });
      expect(res.statusCode, role).toBe(403);
    }
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations` })).statusCode).toBe(
      401,
    );
    const csv = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations?format=csv`,
      token: e.token,
    });
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.body).toContain(`"'=HYPERLINK(""http://x"")"`);
    expect(csv.body).toContain(',+6281210005001,');
    const xlsx = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations?format=xlsx`,
      token: e.token,
    });
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const other = await t.tokenFor('organizer');
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registrations/${r.id}`,
      token: other,
      payload: { name: 'X Y' },
    });
    expect(patch.statusCode).toBe(403);
    const ok = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registrations/${r.id}`,
      token: e.token,
      payload: { name: 'Siti Aminah', mode: 'online' },
    });
    expect(ok.json()).toMatchObject({ name: 'Siti Aminah', mode: 'online', status: 'confirmed' });
    const bad = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registrations/${r.id}`,
      token: e.token,
      payload: { phone: '999' },
    });
    expect(bad.statusCode).toBe(400);
  });

  it('the public cannot see contact data through the ticket API', async () => {
    const e = await publishedEvent(t);
    const r = (await register(e.id, person(6001, { email: 'rahasia@example.test' }))).json();
    const tk = await t.inject({ method: 'GET', url: `/api/v1/tickets/${r.ticketCode}` });
    expect(tk.statusCode).toBe(200);
    expect(tk.body).not.toContain('rahasia@example.test');
    expect(tk.body).not.toContain('+62812');
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/tickets/0000000000000000000000000000000000' }))
        .statusCode,
    ).toBe(404);
  });
});
