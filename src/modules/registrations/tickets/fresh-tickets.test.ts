import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { MemoryBus } from '../../../bus/bus.js';
import type { EventRow } from '../../events/index.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { CHANGES, FreshTickets } from './fresh-tickets.js';

// The ticket page a sign-up's 303 leads to may show the rows the form post just wrote (fresh-tickets.ts). It must
// never show them once the registration or its event has changed, nor a second time, nor late.

describe('kept rows', () => {
  /** A payload of each change, about registration `reg` of event `eventId`, as its emitter sends it. */
  function payload(name: (typeof CHANGES)[number], eventId: string, reg: string) {
    if (name === 'registration.anonymized') return { eventId, registrationIds: [reg], reason: 'request' };
    if (name === 'certificate.issued') return { eventId, role: 'peserta', registrationIds: [null, reg] };
    if (name === 'attendance.changed') return { eventId, kind: 'import' };
    if (name.startsWith('event.') || name === 'invitation.replied')
      return { eventId, slug: 's', actorId: null };
    return { eventId, registrationId: reg, mode: 'onsite', change: 'details', status: 'cancelled' };
  }
  const eventWide = (name: string) =>
    name === 'attendance.changed' || name.startsWith('event.') || name === 'invitation.replied';

  it('go on every announced change of their registration or their event, and stay for others’', async () => {
    const bus = new MemoryBus();
    const fresh = new FreshTickets(bus);
    const r = { id: 'r1', ticket_code: 'kode', event_id: 'e1' } as RegistrationRow;
    const other = { id: 'r2', ticket_code: 'lain', event_id: 'e1' } as RegistrationRow;
    const event = { id: 'e1' } as EventRow;
    for (const name of CHANGES) {
      fresh.put(r, event);
      fresh.put(other, event);
      // Another event's change, and for changes that name registrations, another registration's.
      await bus.emit(name, payload(name, 'e2', 'r9') as never);
      if (!eventWide(name)) await bus.emit(name, payload(name, 'e1', 'r2') as never);
      expect(fresh.take('kode')?.r, name).toBe(r);
      fresh.put(r, event);
      if (!eventWide(name)) fresh.put(other, event);
      await bus.emit(name, payload(name, 'e1', 'r1') as never);
      expect(fresh.take('kode'), name).toBeUndefined();
      // A change of the whole event drops its other sign-ups too; one that names r1 leaves r2.
      expect(fresh.take('lain')?.r, name).toBe(eventWide(name) ? undefined : other);
    }
    fresh.put(r, event);
    await bus.emit('registration.created', {
      eventId: 'e1',
      registrationId: 'y',
      status: 'confirmed',
      mode: 'online',
      source: 'self',
    });
    expect(fresh.take('kode')?.r).toBe(r);
    expect(fresh.take('kode')).toBeUndefined();
  });
});

const form = (i: number, mode = 'onsite') =>
  new URLSearchParams({
    name: `Siti Aminah ${i}`,
    phone: `0812-3456-${String(7100 + i)}`,
    mode,
    consent: 'yes',
    website: '',
  }).toString();

describe.each(DB_KINDS)('the ticket page right after the form (%s)', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());
  afterEach(() => vi.useRealTimers());

  async function signUp(slug: string, i: number) {
    const r = await t.inject({
      method: 'POST',
      url: `/e/${slug}/daftar`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'id' },
      payload: form(i),
    });
    expect(r.statusCode).toBe(303);
    const location = r.headers.location as string;
    expect(location).toMatch(/\?done=new$/);
    return { location, code: location.split('/')[2]!.split('?')[0]! };
  }
  const view = async (url: string) => {
    const r = await t.inject({ url, headers: { 'accept-language': 'id' } });
    expect(r.statusCode).toBe(200);
    return r.body;
  };

  it('shows what the post wrote', async () => {
    const e = await publishedEvent(t);
    const { location } = await signUp(e.slug, 1);
    const html = await view(location);
    expect(html).toContain('Pendaftaran berhasil');
    expect(html).toContain('Terkonfirmasi');
    expect(html).toContain('Siti Aminah 1');
  });

  it('shows an online ticket’s sections as a later view of it does', async () => {
    const e = await publishedEvent(t);
    const r = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: { 'content-type': 'application/x-www-form-urlencoded', 'accept-language': 'id' },
      payload: form(6, 'online'),
    });
    const location = r.headers.location as string;
    const sections = (html: string) =>
      html.slice(html.indexOf('<section'), html.indexOf('<section id="data-saya"'));
    const first = await view(location);
    expect(first).toContain('id="presensi"');
    expect(sections(first)).toBe(sections(await view(location)));
  });

  it('shows a cancellation made before the page was opened', async () => {
    const e = await publishedEvent(t);
    const { location, code } = await signUp(e.slug, 2);
    expect((await t.inject({ method: 'POST', url: `/t/${code}/cancel` })).statusCode).toBe(303);
    const html = await view(location);
    expect(html).toContain('Dibatalkan');
    expect(html).not.toContain('Terkonfirmasi');
  });

  it('shows an edit of the event made before the page was opened', async () => {
    const e = await publishedEvent(t);
    const { location } = await signUp(e.slug, 3);
    const edited = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}`,
      token: e.token,
      payload: { title: 'Judul yang diubah panitia' },
    });
    expect(edited.statusCode).toBe(200);
    expect(await view(location)).toContain('Judul yang diubah panitia');
  });

  it('reads the database for a second view and for a late first one', async () => {
    const e = await publishedEvent(t);
    const a = await signUp(e.slug, 4);
    await view(a.location);
    // An organizer's edit of the person's details is announced too; the point here is the second view.
    await t.app.ctx.services.registrations.editDetails(
      (await t.app.ctx.services.registrations.findByTicketCode(a.code))!,
      { name: 'Nama Kedua' },
    );
    expect(await view(a.location)).toContain('Nama Kedua');
    const b = await signUp(e.slug, 5);
    const row = (await t.app.ctx.services.registrations.findByTicketCode(b.code))!;
    // Written behind the app's back (no announcement), then the page opened after the kept row expired.
    await t.app.ctx.db
      .updateTable('registrations')
      .set({ name: 'Nama Langsung' })
      .where('id', '=', row.id)
      .execute();
    vi.useFakeTimers({ toFake: ['Date'], now: Date.now() + 6_000 });
    expect(await view(b.location)).toContain('Nama Langsung');
  });
});
