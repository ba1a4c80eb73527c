import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createDemoOwner, createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { pdfText } from '../../../test/helpers/pdf.js';
import { drawnImages } from '../../../test/helpers/pdf-images.js';

const DEMO = 'seminar-umkm-kanigaran-2021';

describe.each(DB_KINDS)('certificate verification, logos, JP and early issuing on %s', (kind) => {
  let t: TestApp;
  let token: string;
  let cert: { code: string; number: string; name: string };

  beforeAll(async () => {
    t = await createTestApp(kind);
    const email = await createDemoOwner(t);
    token = await t.app.ctx.services.auth.createApiToken(email);
    await t.app.ctx.services.demo.load({ ownerEmail: email, dataDir: t.config.dataDir });
    const list = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO}/certificates`, token })).json()
      .certificates;
    cert = list.find((c: { role: string }) => c.role === 'peserta');
  });
  afterAll(() => t.close());

  it('answers /v with a form, finds a certificate by its printed number or its code, in the reader’s language', async () => {
    const form = await t.inject({ method: 'GET', url: '/v' });
    expect(form.statusCode).toBe(200);
    expect(form.headers['content-type']).toContain('text/html');
    expect(form.body).toContain('Nomor sertifikat atau kode verifikasi');
    const en = await t.inject({ method: 'GET', url: '/v', headers: { 'accept-language': 'en' } });
    expect(en.body).toContain('Certificate number or verification code');

    for (const q of [
      cert.number,
      ` ${cert.number.toLowerCase()} `,
      cert.code,
      cert.code.replace(/(.{4})(?=.)/g, '$1-'),
    ]) {
      const r = await t.inject({ method: 'GET', url: `/v?q=${encodeURIComponent(q)}` });
      expect(r.statusCode, q).toBe(303);
      expect(r.headers.location).toBe(`/v/${cert.code}`);
    }
    const page = await t.inject({ method: 'GET', url: `/v/${cert.code}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('SAH');
    expect(page.body).toContain(cert.number);
    // JSON stays under /api.
    const json = await t.inject({ method: 'GET', url: `/api/v1/certificates/${cert.code}` });
    expect(json.json().number).toBe(cert.number);
  });

  it('answers an unknown number with a readable "tidak ditemukan" page, status 404', async () => {
    for (const url of [
      '/v?q=999%2FSERT%2FXX%2F2021',
      '/v/ZZZZZZZZZZZZ',
      '/v?q=%3Cscript%3Ex%3C%2Fscript%3E',
    ]) {
      const r = await t.inject({ method: 'GET', url });
      expect(r.statusCode, url).toBe(404);
      expect(r.headers['content-type']).toContain('text/html');
      expect(r.body).toContain('TIDAK DITEMUKAN');
      expect(r.body).not.toContain('<script>x');
    }
    const en = await t.inject({ method: 'GET', url: '/v?q=nothing', headers: { 'accept-language': 'en' } });
    expect(en.statusCode).toBe(404);
    expect(en.body).toContain('NOT FOUND');
  });

  it('prints the logos, the code in groups of four and, when asked, the training hours (JP)', async () => {
    const pdf = async () =>
      (await t.inject({ method: 'GET', url: `/api/v1/certificates/${cert.code}/pdf`, token })).rawPayload;
    const before = await pdf();
    expect(await pdfText(before)).toContain(cert.code.replace(/(.{4})(?=.)/g, '$1-'));
    expect(await pdfText(before)).toContain('Kota Probolinggo, 30 Desember 2021');
    // No training-hours line (the random code itself may hold the letters JP).
    expect(await pdfText(before)).not.toMatch(/\bJP\b/);
    // Three logos (organizer and two partners).
    expect((await drawnImages(before)).length).toBe(3);
    const s = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${DEMO}/certificates/settings`,
      token,
      payload: { trainingHours: true },
    });
    expect(s.statusCode, s.body).toBe(200);
    // In the hall from 08.30–09.10 to 12.15: at least 3 hours and 5 minutes, 4 lessons of 45 minutes.
    expect((await pdfText(await pdf())).replace(/\s+/g, ' ')).toMatch(/setara [45] JP \(@45 menit\)/);
  });

  it('asks for a confirmation before issuing while the event still runs', async () => {
    const now = Date.now();
    const e = await createEvent(
      t,
      token,
      {
        ...seedSeminar,
        startsAt: new Date(now - 3_600_000).toISOString(),
        endsAt: new Date(now + 3_600_000).toISOString(),
      },
      { publish: true },
    );
    const early = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: { roles: ['peserta'] },
    });
    expect(early.statusCode).toBe(409);
    expect(early.json().error.code).toBe('certificates_before_end');
    const job = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates/jobs`,
      token,
      payload: { roles: ['peserta'] },
    });
    expect(job.statusCode).toBe(409);
    const ok = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/certificates`,
      token,
      payload: { roles: ['peserta'], beforeEnd: true },
    });
    expect(ok.statusCode, ok.body).toBe(200);
    const page = await t.inject({ method: 'GET', url: `/console/events/${e.id}/certificates`, token });
    expect(page.body).toContain('name="beforeEnd"');
  });
});
