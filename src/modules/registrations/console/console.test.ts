import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { person, publishedEvent } from '../../../../test/helpers/registrations.js';

function multipart(fields: Record<string, string>, file?: { name: string; data: Buffer; type: string }) {
  const boundary = '----aulaTestBoundary';
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields)) {
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  }
  if (file) {
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
    );
    parts.push(file.data, Buffer.from('\r\n'));
  }
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return {
    payload: Buffer.concat(parts),
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}` },
  };
}
const urlencoded = { 'content-type': 'application/x-www-form-urlencoded' };

describe.each(DB_KINDS)('registrations console and import on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('lists with counts, search and filters; only the event’s organizers may open it', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(1, { name: 'Ani Rahma' }),
    });
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(2, { name: 'Budi Santoso' }),
    });
    const page = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/registrations`,
      token: e.token,
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Ani Rahma');
    expect(page.body).toContain('0812-1000-0001');
    const filtered = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/registrations?status=waitlisted`,
      token: e.token,
    });
    expect(filtered.body).toContain('Budi Santoso');
    expect(filtered.body).not.toContain('Ani Rahma');
    const searched = await t.inject({
      method: 'GET',
      url: `/console/events/${e.id}/registrations?q=rahma`,
      token: e.token,
    });
    expect(searched.body).toContain('Ani Rahma');
    expect(searched.body).not.toContain('Budi Santoso');
    for (const role of ['checkin', 'moderator', 'organizer'] as const) {
      const r = await t.inject({
        method: 'GET',
        url: `/console/events/${e.id}/registrations`,
        token: await t.tokenFor(role),
      });
      expect(r.statusCode, role).toBe(403);
    }
    const anon = await t.inject({ method: 'GET', url: `/console/events/${e.id}/registrations` });
    expect(anon.statusCode).toBe(302);
    expect(anon.headers.location).toContain('/login');
  });

  it('adds by hand, confirms, cancels and promotes from the console', async () => {
    const e = await publishedEvent(t, { capacity: 1 });
    const add = (name: string, phone: string) =>
      t.inject({
        method: 'POST',
        url: `/console/events/${e.id}/registrations/add`,
        token: e.token,
        headers: urlencoded,
        payload: new URLSearchParams({ name, phone, mode: 'onsite', consent: 'yes' }).toString(),
      });
    expect((await add('Citra Dewi', '081211110001')).statusCode).toBe(303);
    expect((await add('Dedi Kurnia', '081211110002')).statusCode).toBe(303);
    const bad = await add('X', '99');
    expect(bad.statusCode).toBe(400);
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json().registrations;
    expect(list.map((r: { status: string }) => r.status)).toEqual(['confirmed', 'waitlisted']);
    const cancel = await t.inject({
      method: 'POST',
      url: `/console/events/${e.id}/registrations/${list[0].id}/action`,
      token: e.token,
      headers: urlencoded,
      payload: 'action=cancel',
    });
    expect(cancel.statusCode).toBe(303);
    const after = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json().registrations;
    expect(after.map((r: { status: string }) => r.status)).toEqual(['cancelled', 'confirmed']);
  });

  it('imports CSV and XLSX with a preview; a broken row means nothing is written', async () => {
    const e = await publishedEvent(t);
    const csv =
      'Nama;Gelar belakang;Instansi;WhatsApp;Kehadiran\nSiti Aminah;S.E.;UMKM A;0812-2222-0001;luring\nBudi;;UMKM B;12;daring\nCici;;UMKM C;0812-2222-0001;daring\n';
    const send = (fields: Record<string, string>, data: Buffer, name = 'peserta.csv', type = 'text/csv') =>
      t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations/import`,
        token: e.token,
        ...multipart(fields, { name, data, type }),
      });
    const preview = await send({ dryRun: '1' }, Buffer.from(csv));
    expect(preview.statusCode).toBe(200);
    const rows = preview.json().rows;
    expect(rows[0]).toMatchObject({ line: 2, ok: true });
    expect(rows[1].ok).toBe(false);
    expect(rows[1].errors.join()).toContain('WhatsApp');
    expect(rows[2].errors.join()).toContain('baris 2');
    const real = await send({ consent: 'yes' }, Buffer.from(csv));
    expect(real.json().dryRun).toBe(true);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })).json()
        .registrations,
    ).toHaveLength(0);

    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('Peserta');
    ws.addRow(['Daftar peserta seminar']);
    ws.addRow(['Nama', 'Gelar depan', 'Instansi', 'No HP', 'E-mail', 'Kehadiran']);
    ws.addRow([
      'Andi Nur Rahmadi',
      'Dr.',
      'Universitas Panca Marga',
      '+62 812 3333 0001',
      'andi@example.test',
      'daring',
    ]);
    ws.addRow(['Heri Sutanto', '', 'LPM Kota Probolinggo', '6281233330002', '', 'luring']);
    const xlsx = Buffer.from(await wb.xlsx.writeBuffer());
    const noConsent = await send(
      {},
      xlsx,
      'peserta.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(noConsent.statusCode).toBe(400);
    const ok = await send(
      { consent: 'yes' },
      xlsx,
      'peserta.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(ok.json()).toMatchObject({ dryRun: false, created: 2, existing: 0 });
    const again = await send(
      { consent: 'yes' },
      xlsx,
      'peserta.xlsx',
      'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
    );
    expect(again.json()).toMatchObject({ created: 0, existing: 2 });
    const list = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registrations`, token: e.token })
    ).json().registrations;
    expect(list.find((r: { name: string }) => r.name === 'Andi Nur Rahmadi')).toMatchObject({
      fullName: 'Dr. Andi Nur Rahmadi',
      mode: 'online',
      source: 'import',
      phone: '+6281233330001',
    });
    const checkin = await t.tokenFor('checkin');
    const denied = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations/import`,
      token: checkin,
      ...multipart({}, { name: 'p.csv', data: Buffer.from(csv), type: 'text/csv' }),
    });
    expect(denied.statusCode).toBe(403);
    const wrongType = await send({}, Buffer.from('x'), 'peserta.pdf', 'application/pdf');
    expect(wrongType.statusCode).toBe(415);
  });

  it('the organizer’s questions appear on the form and required ones must be answered', async () => {
    const e = await publishedEvent(t);
    const save = await t.inject({
      method: 'POST',
      url: `/console/events/${e.id}/registration-settings`,
      token: e.token,
      headers: urlencoded,
      payload: new URLSearchParams({
        questions: 'Jenis usaha | choice | Kuliner; Kerajinan; Jasa | wajib\nHarapan Anda | text',
        waitlist: 'yes',
        seatMode: 'registration',
        retentionDays: '180',
      }).toString(),
    });
    expect(save.statusCode).toBe(303);
    const s = (await t.inject({ method: 'GET', url: `/api/v1/events/${e.id}/registration-settings` })).json();
    expect(s.questions[0]).toMatchObject({
      id: 'jenis-usaha',
      kind: 'choice',
      required: true,
      options: ['Kuliner', 'Kerajinan', 'Jasa'],
    });
    expect(s.retentionDays).toBe(180);
    const form = await t.inject({ method: 'GET', url: `/e/${e.slug}/daftar` });
    expect(form.body).toContain('Jenis usaha');
    expect(form.body).toContain('180 hari');
    const missing = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(9),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error.message).toContain('Jenis usaha');
    const wrong = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(9, { answers: { 'jenis-usaha': 'Tambang' } }),
    });
    expect(wrong.statusCode).toBe(400);
    const ok = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(9, { answers: { 'jenis-usaha': 'Kuliner' } }),
    });
    expect(ok.statusCode).toBe(201);
    const badLine = await t.inject({
      method: 'POST',
      url: `/console/events/${e.id}/registration-settings`,
      token: e.token,
      headers: urlencoded,
      payload: 'questions=Apa%20ya%20|%20essay',
    });
    expect(badLine.statusCode).toBe(400);
    expect(badLine.body).toContain('text, choice atau multi');
    const other = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${e.id}/registration-settings`,
      token: await t.tokenFor('organizer'),
      payload: { approval: true },
    });
    expect(other.statusCode).toBe(403);
  });
});
