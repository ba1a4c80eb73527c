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
});
