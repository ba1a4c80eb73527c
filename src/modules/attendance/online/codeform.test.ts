import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { createEvent } from '../../../../test/helpers/events.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { happeningNow } from '../test-fixture.js';
import { safeBackPath, withOutcome } from './participant.pages.js';

const formHeaders = { 'content-type': 'application/x-www-form-urlencoded' };

describe('the back path of the code form', () => {
  it('accepts only a path on this site', () => {
    expect(safeBackPath('/e/seminar/live?t=abc#attendance')).toBe('/e/seminar/live?t=abc#attendance');
    for (const bad of [
      'https://evil.example/',
      '//evil.example/x',
      '/\\evil.example',
      'javascript:alert(1)',
      'e/seminar/live',
      '/e/x\n/y',
      '/e/x y',
      '',
      undefined,
    ]) {
      expect(safeBackPath(bad)).toBeNull();
    }
  });

  it('replaces an earlier outcome and keeps the fragment', () => {
    expect(withOutcome('/e/s/live?t=abc&presensi=ok#attendance', 'presensi=again')).toBe(
      '/e/s/live?t=abc&presensi=again#attendance',
    );
    expect(withOutcome('/t/abc', 'presensi=ok')).toBe('/t/abc?presensi=ok');
  });
});

describe.each(DB_KINDS)('attendance code as a form (no JavaScript) on %s', (kind) => {
  let t: TestApp;
  let moderator: string;
  let event: { id: string; slug: string };
  let remote: Awaited<ReturnType<typeof seedRegistrations>>;
  const codes: Record<'open' | 'closed' | 'later', string> = { open: '', closed: '', later: '' };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const organizer = await t.tokenFor('organizer');
    moderator = organizer;
    event = await createEvent(
      t,
      organizer,
      {
        title: 'Seminar Hybrid Kanigaran',
        ...happeningNow(),
        online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
      },
      { publish: true },
    );
    remote = await seedRegistrations(t.app.ctx.db, event.id, 2, { mode: 'online', prefix: 'Daring' });
    const make = async (payload: Record<string, unknown>) =>
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${event.id}/attendance/codes`,
          token: moderator,
          payload,
        })
      ).json().code as string;
    codes.open = await make({ code: 'BUKA01' });
    codes.closed = await make({
      code: 'TUTUP1',
      opensAt: new Date(Date.now() - 3600_000).toISOString(),
      windowMinutes: 5,
    });
    codes.later = await make({ code: 'NANTI1', opensAt: new Date(Date.now() + 3600_000).toISOString() });
  });
  afterAll(() => t.close());

  const live = (ticket: string) => `/e/${event.slug}/live?t=${ticket}`;
  const send = (fields: Record<string, string>, lang = 'id') =>
    t.inject({
      method: 'POST',
      url: `/e/${event.slug}/presensi?lang=${lang}`,
      payload: new URLSearchParams(fields).toString(),
      headers: formHeaders,
    });

  it('the live page posts its code box to the page route, with the way back', async () => {
    const page = await t.inject({ method: 'GET', url: live(remote[0]!.ticketCode) });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`action="/e/${event.slug}/presensi"`);
    expect(page.body).toContain(
      `name="back" value="/e/${event.slug}/live?t=${remote[0]!.ticketCode}#attendance"`,
    );
    expect(page.body).not.toContain(`action="/api/v1/events/${event.id}/attendance"`);
  });

  it('redirects back to the live page with each outcome, shown there in words', async () => {
    const ticketCode = remote[0]!.ticketCode;
    const back = `${live(ticketCode)}#attendance`;
    const cases: [string, RegExp][] = [
      [codes.open.toLowerCase(), /Kode diterima/],
      [codes.open, /sudah tercatat sebelumnya/],
      ['SALAH9', /Kode presensi salah/],
      [codes.closed, /sudah habis/],
      [codes.later, /belum dibuka/],
      ['x', /4–12 huruf/],
    ];
    for (const [code, text] of cases) {
      const r = await send({ ticketCode, code, back });
      expect(r.statusCode).toBe(303);
      const to = r.headers.location as string;
      expect(to.startsWith(`/e/${event.slug}/live?t=${ticketCode}&presensi`)).toBe(true);
      expect(to.endsWith('#attendance')).toBe(true);
      const shown = await t.inject({ method: 'GET', url: to });
      expect(shown.statusCode).toBe(200);
      expect(shown.body).toMatch(text);
      expect(shown.headers['content-type']).toContain('text/html');
    }
  });

  it('answers in English when asked, and never counts a code twice', async () => {
    const ticketCode = remote[1]!.ticketCode;
    const first = await send({ ticketCode, code: codes.open, back: live(ticketCode) }, 'en');
    const page = await t.inject({ method: 'GET', url: `${first.headers.location}&lang=en` });
    expect(page.body).toContain('Code accepted');
    await send({ ticketCode, code: codes.open, back: live(ticketCode) });
    const api = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/attendance`,
      payload: { ticketCode, code: codes.open },
    });
    // The JSON API keeps its contract: a repeat is 200 with `first: false`.
    expect(api.statusCode).toBe(200);
    expect(api.json()).toMatchObject({ accepted: true, first: false, codesEntered: 1 });
  });

  it('never sends anyone to another site: a foreign back path falls back to the ticket page', async () => {
    const ticketCode = remote[0]!.ticketCode;
    for (const back of ['https://evil.example/', '//evil.example/', '/\\evil.example']) {
      const r = await send({ ticketCode, code: codes.open, back });
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toBe(`/t/${ticketCode}?presensi=again#presensi`);
    }
    const none = await send({ ticketCode, code: codes.open });
    expect(none.headers.location).toBe(`/t/${ticketCode}?presensi=again#presensi`);
  });

  it("refuses an unknown ticket and another event's ticket, in words, and writes nothing", async () => {
    const other = await createEvent(t, moderator, {
      title: 'Acara Lain',
      startsAt: '2021-12-31T09:00:00+07:00',
      endsAt: '2021-12-31T12:00:00+07:00',
    });
    const foreign = (await seedRegistrations(t.app.ctx.db, other.id, 1, { mode: 'online' }))[0]!;
    for (const ticketCode of ['tidakadatiketinisamasekali', foreign.ticketCode]) {
      const r = await send({ ticketCode, code: codes.open, back: `/e/${event.slug}/live` });
      expect(r.statusCode).toBe(303);
      expect(r.headers.location).toContain('presensi_err=');
    }
    const entries = await t.app.ctx.db
      .selectFrom('attendance_code_entries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('registration_id', '=', foreign.id)
      .executeTakeFirstOrThrow();
    expect(Number(entries.n)).toBe(0);
    const unknownEvent = await t.inject({
      method: 'POST',
      url: '/e/tidak-ada-acara/presensi',
      payload: new URLSearchParams({ ticketCode: remote[0]!.ticketCode, code: codes.open }).toString(),
      headers: formHeaders,
    });
    expect(unknownEvent.statusCode).toBe(404);
  });
});
