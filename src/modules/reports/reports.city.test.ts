import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { pdfText } from '../../../test/helpers/pdf.js';

describe.each(DB_KINDS)('the city of signing on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let orgId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    const org = await t.inject({
      method: 'POST',
      url: '/api/v1/organizations',
      token: organizer,
      payload: { name: 'Universitas Panca Marga', city: 'Kabupaten Probolinggo' },
    });
    expect(org.statusCode, org.body).toBe(201);
    expect(org.json().city).toBe('Kabupaten Probolinggo');
    orgId = org.json().id;
  });
  afterAll(() => t.close());

  it('is the event’s when set, else the organization’s, on the report, the lists and the certificates', async () => {
    const own = await createEvent(t, organizer, { ...seedSeminar, orgId, city: 'Kota Probolinggo' });
    const inherited = await createEvent(t, organizer, { ...seedSeminar, orgId });
    const got = await t.inject({ method: 'GET', url: `/api/v1/events/${own.id}`, token: organizer });
    expect(got.json().city).toBe('Kota Probolinggo');

    for (const [event, city] of [
      [own, 'Kota Probolinggo'],
      [inherited, 'Kabupaten Probolinggo'],
    ] as const) {
      const line = `${city}, 30 Desember 2021`;
      const report = await t.inject({
        method: 'GET',
        url: `/api/v1/events/${event.id}/report?format=pdf`,
        token: organizer,
      });
      // The address ("Kota Probolinggo" typed as the venue address) is never the signature place.
      expect(await pdfText(report.rawPayload)).toContain(line);
      await t.inject({
        method: 'PATCH',
        url: `/api/v1/events/${event.id}/report/narrative`,
        token: organizer,
        payload: { approvals: [{ label: 'Ketua Pelaksana', name: 'Andi Nur Rahmadi, S.IP., M.IP.' }] },
      });
      const list = await t.inject({
        method: 'GET',
        url: `/api/v1/events/${event.id}/attendance/lists/hall?format=pdf`,
        token: organizer,
      });
      expect(await pdfText(list.rawPayload)).toContain(line);
      const cert = await t.app.ctx.services.certificates.preview(
        (await t.app.ctx.services.events.find(event.id))!,
        'peserta',
      );
      expect(await pdfText(cert)).toContain(line);
    }
  });

  it('refuses markup or more than 100 characters, naming the field, and changes nothing', async () => {
    const e = await createEvent(t, organizer, { ...seedSeminar, city: 'Kota Probolinggo' });
    for (const city of ['<b>Kota</b> Probolinggo', 'K'.repeat(101)]) {
      const r = await t.inject({
        method: 'PATCH',
        url: `/api/v1/events/${e.id}`,
        token: organizer,
        payload: { city },
      });
      expect(r.statusCode).toBe(400);
      expect(r.json().error.message).toContain('city');
      const c = await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token: organizer,
        payload: { ...seedSeminar, city },
      });
      expect(c.statusCode).toBe(400);
    }
    const after = await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}`, token: organizer });
    expect(after.json().city).toBe('Kota Probolinggo');
    const org = await t.inject({
      method: 'PATCH',
      url: `/api/v1/organizations/${orgId}`,
      token: organizer,
      payload: { city: '<script>x</script>' },
    });
    expect(org.statusCode).toBe(400);
    expect(org.json().error.message).toContain('city');
  });

  it('takes the city in the console forms; markup comes back in the form with the field named', async () => {
    const email = `kota-${kind}@example.test`;
    await t.app.ctx.services.auth.createUser({
      email,
      password: 'password123',
      role: 'organizer',
      name: 'Kota',
    });
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email, password: 'password123' },
    });
    const cookie = login.cookies.find((c) => c.name === 'aula_session')!.value;
    const csrf = login.json().csrfToken as string;
    const post = (url: string, form: Record<string, string>) =>
      t.inject({
        method: 'POST',
        url,
        cookies: { aula_session: cookie },
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        payload: new URLSearchParams({ ...form, _csrf: csrf }).toString(),
      });
    const form = {
      title: 'Seminar Kota',
      startsAt: '2030-03-05T09:00',
      endsAt: '2030-03-05T12:00',
      timezone: 'Asia/Jakarta',
      venueName: 'Aula',
    };
    const bad = await post('/console/events/new', { ...form, city: '<i>Kota</i> Malang' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('city');
    expect(bad.body).toContain('value="&lt;i>Kota&lt;/i> Malang"');
    const ok = await post('/console/events/new', { ...form, city: 'Kota Malang' });
    expect(ok.statusCode).toBe(303);
    const id = /\/console\/events\/([0-9a-z]+)/.exec(ok.headers.location as string)![1]!;
    expect((await t.app.ctx.services.events.find(id))!.city).toBe('Kota Malang');
    const org = await post('/console/orgs', { name: 'Universitas Brawijaya', city: 'Kota Malang' });
    expect(org.statusCode, org.body).toBe(303);
    const orgs = (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations;
    expect(orgs.find((o: { name: string }) => o.name === 'Universitas Brawijaya').city).toBe('Kota Malang');
  });
});
