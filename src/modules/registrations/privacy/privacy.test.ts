import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../../test/helpers/registrations.js';
import { main } from '../../../cli.js';
import { startRetentionTimer } from './privacy.service.js';

const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };
const DAY = 86_400_000;

describe.each(DB_KINDS)('UU PDP rights and retention on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  const register = async (eventId: string, p: Record<string, unknown>) =>
    (await t.inject({ method: 'POST', url: `/api/v1/events/${eventId}/registrations`, payload: p })).json();

  it('shows what is stored, hands out a JSON copy, and deletes it after a confirmation; the waitlist moves up', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    const a = await register(e.id, person(1, { email: 'satu@example.test' }));
    const b = await register(e.id, person(2));
    expect([a.status, b.status]).toEqual(['confirmed', 'waitlisted']);

    const page = await t.inject({ method: 'GET', url: `/t/${a.ticketCode}` });
    expect(page.body).toContain('Data saya');
    expect(page.body).toContain('0812-1000-0001');
    expect(page.body).toContain('satu@example.test');
    expect(page.body).toContain(`/t/${a.ticketCode}/data-saya.json`);
    expect(page.body).toContain(`action="/t/${a.ticketCode}/hapus"`);

    const file = await t.inject({ method: 'GET', url: `/t/${a.ticketCode}/data-saya.json` });
    expect(file.headers['content-disposition']).toContain('attachment');
    expect(file.headers['cache-control']).toBe('no-store');
    const mine = JSON.parse(file.body);
    expect(mine.registration).toMatchObject({
      name: 'Peserta 1',
      phone: '+6281210000001',
      email: 'satu@example.test',
      institution: 'UMKM Kanigaran',
      mode: 'onsite',
      status: 'confirmed',
      erasedAt: null,
    });
    expect(mine.retention.days).toBe(365);
    expect(mine.registration.consents.privacy.version).toBeTruthy();
    const api = await t.inject({ method: 'GET', url: `/api/v1/tickets/${a.ticketCode}/data` });
    expect(api.json().registration.name).toBe('Peserta 1');

    // The confirmation box is the step that makes a tap on the button mean it: without it nothing changes.
    const unconfirmed = await t.inject({
      method: 'POST',
      url: `/t/${a.ticketCode}/hapus`,
      headers: urlencoded,
      payload: '',
    });
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('Centang kotak konfirmasi');
    expect((await t.inject({ method: 'GET', url: `/api/v1/tickets/${a.ticketCode}` })).json().status).toBe(
      'confirmed',
    );

    const erased = await t.inject({
      method: 'POST',
      url: `/t/${a.ticketCode}/hapus`,
      headers: urlencoded,
      payload: 'confirm=yes',
    });
    expect(erased.statusCode).toBe(303);
    const after = await t.inject({ method: 'GET', url: `/t/${a.ticketCode}` });
    expect(after.statusCode).toBe(200);
    expect(after.body).toContain('sudah dihapus');
    expect(after.body).not.toContain('Peserta 1');
    expect(after.body).not.toContain('0812-1000-0001');
    expect(after.body).not.toContain('<svg');
    expect(after.body).not.toContain('/hapus');

    // The place went to the waitlist as with any cancellation; the counts stay whole.
    expect((await t.inject({ method: 'GET', url: `/api/v1/tickets/${b.ticketCode}` })).json().status).toBe(
      'confirmed',
    );
    const stats = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/stats`, token: e.token });
    expect(stats.json().registrations).toEqual({ onsite: 1, online: 0, waitlisted: 0, cancelled: 1 });
    const list = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${e.id}/registrations`,
      token: e.token,
    });
    const row = list.json().registrations.find((r: { ticketCode: string }) => r.ticketCode === a.ticketCode);
    expect(row).toMatchObject({
      name: '—',
      email: null,
      phone: null,
      institution: null,
      status: 'cancelled',
    });
    const copy = (await t.inject({ method: 'GET', url: `/api/v1/tickets/${a.ticketCode}/data` })).json();
    expect(copy.registration.erasedAt).toBeTruthy();
    expect(copy.registration.phone).toBeNull();

    // The same person may register again: nothing of the old ticket stands in the way.
    expect((await register(e.id, person(1, { email: 'satu@example.test' }))).status).toBe('waitlisted');
  });

  it('erases over the API only with confirm: true, once, and answers 404 for an unknown ticket', async () => {
    const e = await publishedEvent(t);
    const a = await register(e.id, person(10, { mode: 'online' }));
    const bad = await t.inject({ method: 'POST', url: `/api/v1/tickets/${a.ticketCode}/erase`, payload: {} });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().error.message).toContain('confirm');
    const ok = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${a.ticketCode}/erase`,
      payload: { confirm: true },
    });
    expect(ok.statusCode).toBe(200);
    expect(ok.json()).toEqual({ status: 'cancelled', mode: 'online', erased: true });
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/tickets/${a.ticketCode}/erase`,
      payload: { confirm: true },
    });
    expect(again.statusCode).toBe(200);
    const none = await t.inject({
      method: 'POST',
      url: '/api/v1/tickets/bukanbukanbukantiket/erase',
      payload: { confirm: true },
    });
    expect(none.statusCode).toBe(404);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/tickets/bukanbukanbukantiket/data' })).statusCode,
    ).toBe(404);
  });

  /** An event that ended `daysAgo` days ago, with people added by hand (self-registration is closed by then). */
  async function pastEvent(daysAgo: number, people: number, retentionDays?: number) {
    const e = await publishedEvent(t, { publish: false });
    const end = Date.now() - daysAgo * DAY;
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token: e.token,
      payload: { startsAt: new Date(end - 3 * 3_600_000).toISOString(), endsAt: new Date(end).toISOString() },
    });
    expect(patch.statusCode).toBe(200);
    if (retentionDays) {
      const s = await t.inject({
        method: 'PATCH',
        url: `/api/v1/events/${e.id}/registration-settings`,
        token: e.token,
        payload: { retentionDays },
      });
      expect(s.statusCode).toBe(200);
    }
    for (let i = 0; i < people; i++) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations/manual`,
        token: e.token,
        payload: person(100 + i, { mode: i % 2 ? 'online' : 'onsite' }),
      });
      expect(r.statusCode).toBe(201);
    }
    return e;
  }
  const rowsOf = async (e: { id: string; token: string }) =>
    (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })).json()
      .registrations as { name: string; phone: string | null; institution: string | null; status: string }[];

  it('retention: `aula retention run` and the daily timer erase events past their period, keeping the counts', async () => {
    const old = await pastEvent(400, 3); // default 365 days: due
    const recent = await pastEvent(10, 2); // default 365 days: kept
    const short = await pastEvent(10, 2, 7); // the organizer chose 7 days: due
    const statsBefore = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${old.id}/stats`, token: old.token })
    ).json().registrations;
    // One of them asked a question with their ticket: the CLI's erasure must reach the Q&A too.
    const published = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${old.id}/publish`,
      token: old.token,
    });
    expect(published.statusCode).toBe(200);
    const [asker] = await t.app.ctx.services.registrations.list(
      (await t.app.ctx.services.events.find(old.id))!,
      {},
    );
    const asked = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${old.id}/questions`,
      payload: {
        text: 'Bagaimana cara UMKM mendapat modal?',
        channel: 'onsite',
        ticketCode: asker!.ticket_code,
      },
    });
    expect(asked.statusCode).toBe(201);
    expect(asked.json().author).toBeTruthy();

    const env = { ...process.env };
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      process.env.AULA_LANG = 'id';
      process.env.DATA_DIR = t.config.dataDir;
      process.env.DATABASE_URL =
        t.config.database.kind === 'sqlite' ? `sqlite:${t.config.database.path}` : t.config.database.url;
      expect(await main(['retention', 'run'])).toBe(0);
      expect(log.mock.calls.flat().join('\n')).toContain(
        'Masa simpan: data 5 pendaftaran dihapus dari 2 acara.',
      );
    } finally {
      log.mockRestore();
      process.env = env;
    }

    for (const e of [old, short]) {
      for (const r of await rowsOf(e)) {
        expect(r).toMatchObject({ name: '—', phone: null, status: 'confirmed' });
        // Confirmed rows keep the institution: the report counts attendees per institution.
        expect(r.institution).toBe('UMKM Kanigaran');
      }
    }
    expect((await rowsOf(recent)).map((r) => r.name)).toEqual(['Peserta 100', 'Peserta 101']);
    const question = await t.app.ctx.db
      .selectFrom('questions')
      .select(['author_name', 'text'])
      .where('id', '=', asked.json().id)
      .executeTakeFirstOrThrow();
    expect(question).toEqual({ author_name: null, text: 'Bagaimana cara UMKM mendapat modal?' });
    const statsAfter = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${old.id}/stats`, token: old.token })
    ).json().registrations;
    expect(statsAfter).toEqual(statsBefore);

    // Someone added later to an old event is caught by the app's own timer.
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${old.id}/registrations/manual`,
      token: old.token,
      payload: person(200),
    });
    const erasedEvents: string[] = [];
    t.app.ctx.bus.on('registration.anonymized', async (p) => {
      if (p.reason === 'retention') erasedEvents.push(p.eventId);
    });
    const stop = startRetentionTimer(t.app.ctx, { firstDelayMs: 0, intervalMs: 20 });
    try {
      await vi.waitFor(async () => expect((await rowsOf(old)).every((r) => r.name === '—')).toBe(true), {
        timeout: 10_000,
      });
    } finally {
      stop();
    }
    expect(erasedEvents).toContain(old.id);
    expect((await rowsOf(recent)).map((r) => r.name)).toEqual(['Peserta 100', 'Peserta 101']);
  });
});
