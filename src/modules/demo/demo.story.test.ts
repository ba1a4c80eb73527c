import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createDemoOwner } from '../../../test/helpers/events.js';
import { DEMO_SLUG } from './demo.service.js';

describe.each(DB_KINDS)('the demo tells the seed seminar’s whole day on %s', (kind) => {
  let t: TestApp;
  let token: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    const email = await createDemoOwner(t);
    token = await t.app.ctx.services.auth.createApiToken(email);
    // Two loads at once write the day once.
    await Promise.all([
      t.app.ctx.services.demo.load({ ownerEmail: email, dataDir: t.config.dataDir }),
      t.app.ctx.services.demo.load({ ownerEmail: email, dataDir: t.config.dataDir }),
    ]);
  });
  afterAll(() => t.close());

  it('has the seed’s numbers: 52 in the hall on distanced seats, 47 online, five questions from both sides', async () => {
    const stats = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/stats`, token })).json();
    expect(stats.attendance).toMatchObject({ onsite: 52, online: 47, total: 99 });
    expect(stats.questions).toMatchObject({ total: 5, onsite: 3, online: 2, answered: 5 });
    // Everyone in the hall sits on a seat the checkerboard rule leaves usable.
    const hall = await t.inject({
      method: 'GET',
      url: `/api/v1/events/${DEMO_SLUG}/registrations?mode=onsite&limit=100`,
      token,
    });
    const seated = hall.json().registrations.filter((r: { seat: string | null }) => r.seat);
    expect(seated).toHaveLength(52);
  });

  it('has evaluations, issued certificates and documentation photos', async () => {
    const ev = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/evaluation/results`, token })
    ).json();
    expect(ev.responses).toBe(78);
    const certs = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/certificates`, token })
    ).json();
    const list = certs.certificates;
    expect(list.filter((c: { role: string }) => c.role === 'peserta')).toHaveLength(99);
    expect(list.filter((c: { role: string }) => c.role === 'pemateri')).toHaveLength(4);
    const photos = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/photos`, token })
    ).json().items;
    expect(photos).toHaveLength(4);
    expect(photos[0].caption).toContain('jarak pada setiap bangku');
  });

  it('opens the next webinar for registration, weeks ahead', async () => {
    const e = (
      await t.inject({ method: 'GET', url: '/api/v1/events/webinar-pemasaran-digital-umkm' })
    ).json();
    expect(e.status).toBe('published');
    expect(Date.parse(e.startsAt)).toBeGreaterThan(Date.now() + 20 * 86_400_000);
    const page = await t.inject({ method: 'GET', url: '/e/webinar-pemasaran-digital-umkm' });
    expect(page.statusCode).toBe(200);
    const reg = await t.inject({
      method: 'POST',
      url: '/api/v1/events/webinar-pemasaran-digital-umkm/registrations',
      payload: { name: 'Siti Aminah', mode: 'online', phone: '081234567890', consent: true },
    });
    expect(reg.statusCode, reg.body).toBeLessThan(300);
  });

  it('counts the day’s registrations against the places: the console shows one hall place left', async () => {
    const page = await t.inject({ method: 'GET', url: `/console/events/${DEMO_SLUG}/registrations`, token });
    expect(page.statusCode).toBe(200);
    // 55 registered for the hall's 56 distanced seats.
    expect(page.body).toMatch(/55 \/ 56 \(sisa 1\)/);
    const e = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}`, token })).json();
    const settings = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registration-settings`, token })
    ).json();
    expect(settings.retentionDays).toBe(3650);
  });

  // Last: it erases the next webinar's registration.
  it('keeps the demo’s names through the retention run, while an ordinary past event is still erased', async () => {
    const names = async () =>
      (
        await t.inject({
          method: 'GET',
          url: `/api/v1/events/${DEMO_SLUG}/registrations?mode=onsite&limit=100`,
          token,
        })
      )
        .json()
        .registrations.filter((r: { name: string | null }) => r.name).length;
    const privacy = t.app.ctx.services.privacy;
    // As the timer runs it a minute after start: nothing is due.
    expect(await privacy.runRetention()).toEqual({ events: 0, registrations: 0 });
    // Over a year after the next webinar (registered for above) ended: that one alone is erased.
    expect(await privacy.runRetention({ now: Date.now() + 500 * 86_400_000 })).toEqual({
      events: 1,
      registrations: 1,
    });
    expect(await names()).toBe(55);
  });
});
