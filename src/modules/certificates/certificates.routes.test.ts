import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { checkIn, createEvent, seedSeminar } from '../../../test/helpers/events.js';
import { seedRegistration } from '../../../test/helpers/factories.js';
import { multipart } from '../../../test/helpers/images.js';
import { decodeQr, pdfText } from '../../../test/helpers/pdf.js';

describe.each(DB_KINDS)('certificates on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let eventId: string;
  let present: { id: string; ticketCode: string };
  let absent: { id: string; ticketCode: string };

  const api = (
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    url: string,
    payload?: unknown,
    token: string | undefined = organizer,
  ) =>
    t.inject({
      method,
      url,
      token,
      ...(payload === undefined ? {} : { payload: payload as Record<string, unknown> }),
    });

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    eventId = (await createEvent(t, organizer, seedSeminar, { publish: true })).id;
    present = await seedRegistration(t.app.ctx.db, eventId, {
      frontTitles: 'Dr. H.',
      name: 'Andhi Nur Rahmadi',
      backTitles: 'S.IP., M.IP.',
    });
    absent = await seedRegistration(t.app.ctx.db, eventId, { name: 'Siti Absen', mode: 'online' });
    await checkIn(t, organizer, eventId, present.ticketCode);
    await api('POST', `/api/v1/events/${eventId}/people`, {
      name: 'Choirul Arifin',
      backTitles: 'S.St.Pi., M.M',
      role: 'speaker',
      presence: 'onsite',
    });
  });
  afterAll(() => t.close());

  it('issues by the rule: present participants only, and speakers for the pemateri role', async () => {
    const r = await api('POST', `/api/v1/events/${eventId}/certificates`, { roles: ['peserta', 'pemateri'] });
    expect(r.statusCode).toBe(200);
    expect(r.json().byRole.peserta).toEqual({ issued: 1, alreadyIssued: 0, notEligible: 1 });
    expect(r.json().byRole.pemateri.issued).toBe(1);
    const mine = await t.inject({ method: 'GET', url: `/api/v1/tickets/${absent.ticketCode}/certificates` });
    expect(mine.json().certificates).toEqual([]);
    const again = await api('POST', `/api/v1/events/${eventId}/certificates`, { roles: ['peserta'] });
    expect(again.json()).toMatchObject({ issued: 0, alreadyIssued: 1, notEligible: 1 });
  });

  it('the PDF holds the name with titles and the number as text, and its QR code verifies it', async () => {
    const mine = await t.inject({ method: 'GET', url: `/api/v1/tickets/${present.ticketCode}/certificates` });
    const cert = mine.json().certificates[0];
    expect(cert.name).toBe('Dr. H. Andhi Nur Rahmadi, S.IP., M.IP.');
    expect(cert.number).toBe('001/SERT/AULA/XII/2021');
    const pdf = await t.inject({ method: 'GET', url: cert.pdfUrl });
    expect(pdf.statusCode).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.length).toBeLessThan(300 * 1024);
    const text = (await pdfText(pdf.rawPayload)).replace(/\s+/g, ' ');
    expect(text).toContain('Dr. H. Andhi Nur Rahmadi, S.IP., M.IP.');
    expect(text).toContain('001/SERT/AULA/XII/2021');
    const url = await decodeQr(pdf.rawPayload);
    expect(url).toBe(`http://aula.test/v/${cert.code}`);
    const path = new URL(url!).pathname;
    const code = path.split('/').pop()!;
    const v = await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` });
    expect(v.statusCode).toBe(200);
    expect(v.json()).toMatchObject({
      status: 'valid',
      number: '001/SERT/AULA/XII/2021',
      roleLabel: 'Peserta',
    });
    expect(JSON.stringify(v.json())).not.toMatch(/@|\+62|email|phone/);
    const human = await t.inject({ method: 'GET', url: path });
    expect(human.statusCode).toBe(200);
    expect(human.body).toContain('data-status="valid"');

    const rev = await api('POST', `/api/v1/certificates/${code}/revoke`, { reason: 'Salah orang' });
    expect(rev.statusCode).toBe(200);
    expect((await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` })).json().status).toBe(
      'revoked',
    );
    expect((await t.inject({ method: 'GET', url: path })).body).toContain('data-status="revoked"');
    // The recipient's link no longer serves a revoked certificate.
    expect((await t.inject({ method: 'GET', url: cert.pdfUrl })).statusCode).toBe(410);

    // Correcting the name reissues under the same number and makes it valid again.
    const fix = await api('POST', `/api/v1/certificates/${code}/reissue`, {
      frontTitles: 'Dr. H.',
      name: 'Andhi Nur Rahmadi',
      backTitles: 'S.IP., M.IP., M.Si.',
      reason: 'Gelar kurang',
    });
    expect(fix.statusCode).toBe(200);
    expect(fix.json()).toMatchObject({ number: '001/SERT/AULA/XII/2021', status: 'valid', version: 2 });
    const again = await t.inject({ method: 'GET', url: cert.pdfUrl });
    expect(await pdfText(again.rawPayload)).toContain('S.IP., M.IP., M.Si.');
    const audit = await t.app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('target', '=', cert.id)
      .execute();
    expect(audit.map((a) => a.action).sort()).toEqual(['certificate.reissue', 'certificate.revoke']);
  });

  it('staff override issues outside the rule with a reason in the audit log; numbers never repeat', async () => {
    const bad = await api('POST', `/api/v1/events/${eventId}/certificates/override`, {
      role: 'peserta',
      registrationId: absent.id,
    });
    expect(bad.statusCode).toBe(400);
    const r = await api('POST', `/api/v1/events/${eventId}/certificates/override`, {
      role: 'peserta',
      registrationId: absent.id,
      reason: 'Hadir tetapi lupa memindai tiket',
    });
    expect(r.statusCode).toBe(201);
    expect(r.json().override).toBe(true);
    const audit = await t.app.ctx.db
      .selectFrom('audit_log')
      .selectAll()
      .where('action', '=', 'certificate.override')
      .execute();
    expect(audit[0]?.reason).toBe('Hadir tetapi lupa memindai tiket');
    const all = (await api('GET', `/api/v1/events/${eventId}/certificates`)).json().certificates as {
      number: string;
    }[];
    expect(new Set(all.map((c) => c.number)).size).toBe(all.length);
    expect(all.map((c) => c.number)).toContain('003/SERT/AULA/XII/2021');
  });

  it('two bulk issues at the same moment give each person one certificate and distinct numbers', async () => {
    const e = await createEvent(t, organizer, { ...seedSeminar, title: 'Webinar Pemasaran Digital UMKM' });
    const regs = [];
    for (let i = 0; i < 30; i++)
      regs.push(await seedRegistration(t.app.ctx.db, e.id, { name: `Peserta ${i}` }));
    await api('PATCH', `/api/v1/events/${e.id}/certificates/settings`, {
      rules: { peserta: { requireAttendance: false } },
    });
    const results = await Promise.all(
      [1, 2, 3].map(() => api('POST', `/api/v1/events/${e.id}/certificates`, {})),
    );
    expect(results.map((r) => r.statusCode)).toEqual([200, 200, 200]);
    expect(results.reduce((a, r) => a + r.json().issued, 0)).toBe(30);
    const all = (await api('GET', `/api/v1/events/${e.id}/certificates`)).json().certificates as {
      number: string;
    }[];
    expect(all).toHaveLength(30);
    expect(new Set(all.map((c) => c.number)).size).toBe(30);
  });

  it('refuses bad input with a clear message and changes nothing', async () => {
    const before = (await api('GET', `/api/v1/events/${eventId}/certificates/settings`)).json();
    const noSeq = await api('PATCH', `/api/v1/events/${eventId}/certificates/settings`, {
      pattern: 'SERT/{org}/{year}',
    });
    expect(noSeq.statusCode).toBe(400);
    expect(noSeq.json().error.message).toContain('{seq}');
    expect((await api('GET', `/api/v1/events/${eventId}/certificates/settings`)).json()).toEqual(before);

    const text = multipart([
      { name: 'file', value: 'bukan gambar', filename: 'latar.png', type: 'image/png' },
    ]);
    const bg = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/certificates/templates/peserta/background`,
      token: organizer,
      ...text,
    });
    expect(bg.statusCode).toBe(415);
    expect(bg.json().error.message).toContain('JPEG');
    expect(
      (await api('GET', `/api/v1/events/${eventId}/certificates/templates/peserta`)).json().background,
    ).toBeNull();

    await api('PUT', `/api/v1/events/${eventId}/certificates/templates/peserta`, {
      signers: [{ name: 'Imam Sucahyo, M.AP' }],
    });
    const huge = await sharp({ create: { width: 1800, height: 1800, channels: 3, background: '#808080' } })
      .png({ compressionLevel: 0 })
      .toBuffer();
    const sig = multipart([{ name: 'file', value: huge, filename: 'ttd.png', type: 'image/png' }]);
    const big = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/certificates/templates/peserta/signatures/0`,
      token: organizer,
      ...sig,
    });
    expect(big.statusCode).toBe(413);
    expect(big.json().error.message).toContain('300 KB');
    const tpl = (await api('GET', `/api/v1/events/${eventId}/certificates/templates/peserta`)).json();
    expect(tpl.signers[0].signaturePath ?? null).toBeNull();

    const unknown = await t.inject({ method: 'GET', url: '/api/v1/certificates/ZZZZZZZZZZZZ' });
    expect(unknown.statusCode).toBe(404);
    expect(unknown.json().error.message).toContain('tidak ditemukan');
    expect((await t.inject({ method: 'GET', url: '/v/ZZZZZZZZZZZZ' })).statusCode).toBe(404);
  });

  it('accepts an image background and a signature, keeping the PDF under 300 KB', async () => {
    const photo = await sharp({ create: { width: 3000, height: 2000, channels: 3, background: '#e8f0ff' } })
      .composite([
        {
          input: await sharp({
            create: {
              width: 3000,
              height: 2000,
              channels: 3,
              background: '#808080',
              noise: { type: 'gaussian', mean: 128, sigma: 40 },
            },
          })
            .png()
            .toBuffer(),
          blend: 'soft-light',
        },
      ])
      .jpeg({ quality: 95 })
      .toBuffer();
    const up = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/certificates/templates/peserta/background`,
      token: organizer,
      ...multipart([{ name: 'file', value: photo, filename: 'latar.jpg', type: 'image/jpeg' }]),
    });
    expect(up.statusCode).toBe(200);
    expect(up.json().background.kind).toBe('image');
    const sigPng = await sharp({
      create: { width: 400, height: 150, channels: 4, background: { r: 0, g: 0, b: 0, alpha: 0 } },
    })
      .png()
      .toBuffer();
    const s = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${eventId}/certificates/templates/peserta/signatures/0`,
      token: organizer,
      ...multipart([{ name: 'file', value: sigPng, filename: 'ttd.png', type: 'image/png' }]),
    });
    expect(s.statusCode).toBe(200);
    const list = (await api('GET', `/api/v1/events/${eventId}/certificates`)).json().certificates;
    const pdf = await api('GET', list[0].pdfUrl);
    expect(pdf.statusCode).toBe(200);
    expect(pdf.rawPayload.length).toBeLessThan(300 * 1024);
    expect(await decodeQr(pdf.rawPayload)).toBe(list[0].verifyUrl);
    const preview = await api('POST', `/api/v1/events/${eventId}/certificates/templates/peserta/preview`, {});
    expect(preview.headers['content-type']).toBe('application/pdf');
    const zip = await api('GET', `/api/v1/events/${eventId}/certificates.zip`);
    expect(zip.statusCode).toBe(200);
    expect(zip.rawPayload.subarray(0, 2).toString()).toBe('PK');
  });

  it('only the event’s organizers manage certificates; the public only verifies', async () => {
    const other = await t.tokenFor('organizer');
    const checkin = await t.tokenFor('checkin');
    const moderator = await t.tokenFor('moderator');
    const urls: ['GET' | 'POST', string][] = [
      ['POST', `/api/v1/events/${eventId}/certificates`],
      ['GET', `/api/v1/events/${eventId}/certificates`],
      ['GET', `/api/v1/events/${eventId}/certificates.zip`],
      ['GET', `/api/v1/events/${eventId}/certificates/settings`],
    ];
    for (const [method, url] of urls) {
      const payload = method === 'POST' ? { payload: {} } : {};
      expect((await t.inject({ method, url, ...payload })).statusCode, url).toBe(401);
      for (const token of [other, checkin, moderator])
        expect((await t.inject({ method, url, token, ...payload })).statusCode, url).toBe(403);
    }
    const list = (await api('GET', `/api/v1/events/${eventId}/certificates`)).json().certificates;
    const code = list[0].code;
    expect((await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}/pdf` })).statusCode).toBe(401);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}/pdf?key=wrong`, token: other }))
        .statusCode,
    ).toBe(403);
    expect(
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/certificates/${code}/revoke`,
          token: other,
          payload: { reason: 'iseng' },
        })
      ).statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/v1/certificates/${code}` })).statusCode).toBe(200);
  });
});
