import { randomUUID as newScanId } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { createEvent } from '../../../../test/helpers/events.js';
import { seedRegistrations } from '../../../../test/helpers/seed-registrations.js';
import { happeningNow } from '../test-fixture.js';
import { walkInClientRef } from './walkin.service.js';

/** Walk-ins keyed by the device's id: a queue replayed twice, or two racing syncs, register one person. */
describe.each(DB_KINDS)('walk-ins at the door on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let moderator: string;

  async function newEvent(capacity: number, waitlist = true) {
    const { id } = await createEvent(
      t,
      organizer,
      {
        title: 'Seminar UMKM Kanigaran',
        ...happeningNow(),
        venue: { name: 'Aula Kelurahan Kanigaran', capacity },
      },
      { publish: true },
    );
    if (!waitlist) {
      const s = await t.inject({
        method: 'PATCH',
        url: `/api/v1/events/${id}/registration-settings`,
        token: organizer,
        payload: { waitlist: false },
      });
      expect(s.statusCode).toBe(200);
    }
    return id;
  }

  const people = (eventId: string, name: string) =>
    t.app.ctx.db
      .selectFrom('registrations')
      .leftJoin('attendance', 'attendance.registration_id', 'registrations.id')
      .select(['registrations.status', 'registrations.source', 'attendance.checked_in_at'])
      .where('registrations.event_id', '=', eventId)
      .where('registrations.name', '=', name)
      .execute();

  const sync = (eventId: string, device: string, scans: unknown[], token = organizer) =>
    t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins/sync`,
      token,
      payload: { device, scans },
    });

  /** One walk-in takes the hall's only place (through the registrations module's counter). */
  async function fillHall(eventId: string) {
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { walkIn: { name: 'Pengisi Aula', consent: true }, scanId: newScanId() },
    });
    expect(r.statusCode).toBe(201);
  }

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    moderator = await t.tokenFor('moderator');
  });
  afterAll(() => t.close());

  it('one id, one person: the same walk-in (no phone, no e-mail) sent ten times at once registers once', async () => {
    const eventId = await newEvent(50);
    const scanId = newScanId();
    const walkIn = { name: 'Pak Slamet', consent: true };
    const answers = await Promise.all(
      Array.from({ length: 10 }, () =>
        t.inject({
          method: 'POST',
          url: `/api/v1/events/${eventId}/checkins`,
          token: organizer,
          payload: { walkIn, scanId, device: 'pintu-1' },
        }),
      ),
    );
    // Every replay answers as the first time did.
    for (const a of answers) {
      expect(a.statusCode).toBe(201);
      expect(a.json()).toMatchObject({ result: 'checked_in', first: true, scanId });
    }
    const rows = await people(eventId, 'Pak Slamet');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'confirmed', source: 'walkin' });
    expect(rows[0]!.checked_in_at).not.toBeNull();
    // A different id is a different person (two people may share a name).
    const other = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { walkIn, scanId: newScanId() },
    });
    expect(other.statusCode).toBe(201);
    expect(await people(eventId, 'Pak Slamet')).toHaveLength(2);
  });

  it('an offline queue of walk-ins and scans, synced twice by two devices at once, lands once and in order', async () => {
    const eventId = await newEvent(50);
    const tickets = await seedRegistrations(t.app.ctx.db, eventId, 2);
    const queue = [
      { scanId: newScanId(), ticketCode: tickets[0]!.ticketCode, scannedAt: Date.now() - 60_000 },
      {
        scanId: newScanId(),
        walkIn: { name: 'Bu Sumiati', institution: 'PKK Kanigaran', consent: true },
        scannedAt: Date.now() - 50_000,
      },
      { scanId: newScanId(), ticketCode: tickets[1]!.ticketCode, scannedAt: Date.now() - 40_000 },
      { scanId: newScanId(), walkIn: { name: 'Mas Dimas', consent: true }, scannedAt: Date.now() - 30_000 },
    ];
    const [a, b] = await Promise.all([sync(eventId, 'hp-1', queue), sync(eventId, 'hp-1', queue)]);
    for (const r of [a, b]) {
      expect(r.statusCode).toBe(200);
      const results = r.json().results as { result: string; scanId: string; walkIn?: boolean }[];
      expect(results.map((x) => x.scanId)).toEqual(queue.map((q) => q.scanId));
      // Racing syncs of one scan: one of them writes the arrival, the other sees it made.
      expect(results.every((x) => x.result === 'checked_in' || x.result === 'already_checked_in')).toBe(true);
      expect(results[1]!.walkIn).toBe(true);
      expect(r.json().counts.onsite).toBe(4);
    }
    const again = await sync(eventId, 'hp-2', queue);
    expect(again.json().counts).toMatchObject({ onsite: 4 });
    expect(await people(eventId, 'Bu Sumiati')).toHaveLength(1);
    expect(await people(eventId, 'Mas Dimas')).toHaveLength(1);
    // The arrival time is the device's scan time, not the sync time.
    const [dimas] = await people(eventId, 'Mas Dimas');
    expect(Number(dimas!.checked_in_at)).toBeLessThanOrEqual(queue[3]!.scannedAt);
  });

  it('a full hall with a waitlist: the walk-in is waitlisted (an answer, not an error), the same on replay', async () => {
    const eventId = await newEvent(1);
    await fillHall(eventId);
    const scanId = newScanId();
    const item = { scanId, walkIn: { name: 'Bu Wati', consent: true }, scannedAt: Date.now() };
    for (const attempt of [1, 2]) {
      const r = await sync(eventId, 'hp-1', [item]);
      expect(r.statusCode).toBe(200);
      expect(r.json().results[0]).toMatchObject({
        result: 'waitlisted',
        first: false,
        walkIn: true,
        registration: { name: 'Bu Wati' },
      });
      expect(r.json().results[0].message).toContain('daftar tunggu');
      expect(attempt).toBeGreaterThan(0);
    }
    const direct = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins?lang=en`,
      token: organizer,
      payload: { walkIn: item.walkIn, scanId },
    });
    expect(direct.statusCode).toBe(200);
    expect(direct.json()).toMatchObject({ result: 'waitlisted' });
    expect(direct.json().message).toContain('waitlist');
    expect(await people(eventId, 'Bu Wati')).toEqual([
      { status: 'waitlisted', source: 'walkin', checked_in_at: null },
    ]);
  });

  it('a full hall without a waitlist: refused in words, nobody registered, the same on replay', async () => {
    const eventId = await newEvent(1, false);
    await fillHall(eventId);
    const scanId = newScanId();
    const walkIn = { name: 'Pak Joko', phone: '081277770000', consent: true };
    for (const attempt of [1, 2]) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${eventId}/checkins`,
        token: organizer,
        payload: { walkIn, scanId },
      });
      expect(r.statusCode).toBe(409);
      expect(r.json().error.code).toBe('hall_full');
      expect(r.json().error.message).toContain('Pak Joko');
      expect(attempt).toBeGreaterThan(0);
    }
    const synced = await sync(eventId, 'hp-1', [{ scanId, walkIn, scannedAt: Date.now() }]);
    expect(synced.json().results[0]).toMatchObject({ result: 'error', error: { code: 'hall_full' } });
    expect(await people(eventId, 'Pak Joko')).toEqual([]);
  });

  it('a request that died after registering (no phone, no e-mail): the takeover finds its registration, one person, one arrival', async () => {
    const eventId = await newEvent(50);
    const scanId = newScanId();
    const walkIn = { name: 'Mbah Karto', consent: true };
    const { db } = t.app.ctx;
    const event = (await t.app.ctx.services.events.find(eventId))!;
    // What the dead request got done: the claim, then the registration with the walk-in id as its reference —
    // and no outcome, no arrival.
    await db
      .insertInto('checkin_walkins')
      .values({ event_id: eventId, walkin_id: scanId, outcome: 'pending', claimed_at: Date.now() })
      .execute();
    const first = await t.app.ctx.services.registrations.register(
      event,
      { ...walkIn, mode: 'onsite' },
      { source: 'walkin', clientRef: walkInClientRef(scanId) },
    );
    expect(first.created).toBe(true);
    // 31 s pass: the claim is stale and the retry takes it over.
    await db
      .updateTable('checkin_walkins')
      .set({ claimed_at: Date.now() - 31_000 })
      .where('event_id', '=', eventId)
      .where('walkin_id', '=', scanId)
      .execute();
    const retried = await sync(eventId, 'hp-1', [{ scanId, walkIn, scannedAt: Date.now() }]);
    expect(retried.statusCode).toBe(200);
    expect(retried.json().results[0]).toMatchObject({
      result: 'checked_in',
      first: true,
      walkIn: true,
      registration: { id: first.registration.id, name: 'Mbah Karto' },
    });
    // A later replay answers from the recorded outcome, exactly as the retry was answered.
    const again = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/checkins`,
      token: organizer,
      payload: { walkIn, scanId },
    });
    expect(again.statusCode).toBe(201);
    expect(again.json()).toMatchObject({ result: 'checked_in', registration: { id: first.registration.id } });
    const rows = await people(eventId, 'Mbah Karto');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: 'confirmed', source: 'walkin' });
    expect(rows[0]!.checked_in_at).not.toBeNull();
    const arrivals = await db
      .selectFrom('attendance')
      .select('registration_id')
      .where('registration_id', '=', first.registration.id)
      .where('checked_in_at', 'is not', null)
      .execute();
    expect(arrivals).toHaveLength(1);
    expect(
      await db
        .selectFrom('checkin_walkins')
        .select(['outcome', 'registration_id'])
        .where('walkin_id', '=', scanId)
        .execute(),
    ).toEqual([{ outcome: 'checked_in', registration_id: first.registration.id }]);
  });

  it('refuses bad walk-ins in a queue without writing anything, and keeps roles', async () => {
    const eventId = await newEvent(50);
    const bad = await sync(eventId, 'hp-1', [
      { scanId: newScanId(), walkIn: { name: 'X', consent: true }, scannedAt: Date.now() },
    ]);
    expect(bad.statusCode).toBe(400);
    const noConsent = await sync(eventId, 'hp-1', [
      { scanId: newScanId(), walkIn: { name: 'Tanpa Izin', consent: false }, scannedAt: Date.now() },
    ]);
    expect(noConsent.statusCode).toBe(400);
    const both = await sync(eventId, 'hp-1', [
      {
        scanId: newScanId(),
        ticketCode: 'abcdefghijklmnopqrstuvwx',
        walkIn: { name: 'Dua Hal', consent: true },
        scannedAt: Date.now(),
      },
    ]);
    expect(both.statusCode).toBe(400);
    const notStaff = await sync(
      eventId,
      'hp-1',
      [{ scanId: newScanId(), walkIn: { name: 'Bukan Staf', consent: true }, scannedAt: Date.now() }],
      moderator,
    );
    expect([403, 404]).toContain(notStaff.statusCode);
    const rows = await t.app.ctx.db
      .selectFrom('registrations')
      .select('id')
      .where('event_id', '=', eventId)
      .execute();
    expect(rows).toEqual([]);
  });
});
