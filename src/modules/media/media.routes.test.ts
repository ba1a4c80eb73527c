import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { PDFDocument } from 'pdf-lib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { jpegWithExif, multipart } from '../../../test/helpers/images.js';

const seminar = {
  title: 'Seminar Hybrid UMKM Kanigaran',
  startsAt: '2021-12-30T09:00:00+07:00',
  endsAt: '2021-12-30T12:00:00+07:00',
  venue: { name: 'Aula Kelurahan Kanigaran' },
};

describe.each(DB_KINDS)('documentation and materials on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  let event: { id: string; slug: string };
  let agendaId: string;

  beforeAll(async () => {
    t = await createTestApp(kind);
    organizer = await t.tokenFor('organizer');
    event = await createEvent(t, organizer, seminar, { publish: true });
    agendaId = (
      await t.inject({
        method: 'POST',
        url: `/api/v1/events/${event.id}/agenda`,
        token: organizer,
        payload: { startsAt: '2021-12-30T09:00:00+07:00', kind: 'opening', title: 'Pembukaan' },
      })
    ).json().id;
  });
  afterAll(() => t.close());

  it('takes several phone photos at once, resized, upright and without metadata (GPS included)', async () => {
    const photo = await jpegWithExif(3000, 2000);
    const body = multipart([
      { name: 'files', value: photo, filename: 'IMG_0001.jpg', type: 'image/jpeg' },
      { name: 'files', value: photo, filename: 'IMG_0002.jpg', type: 'image/jpeg' },
      { name: 'caption_0', value: 'Undangan yang hadir secara luring di Aula Kelurahan Kanigaran' },
      { name: 'caption_1', value: '<img src=x onerror=alert(1)>' },
      { name: 'agendaItemId', value: agendaId },
    ]);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/photos`,
      token: organizer,
      ...body,
    });
    expect(r.statusCode, r.body).toBe(201);
    const photos = r.json().photos;
    expect(photos).toHaveLength(2);
    expect(photos[0]).toMatchObject({ width: 1600, height: 1067, agendaItemId: agendaId });
    for (const p of photos) {
      for (const url of [p.url, p.thumbUrl]) {
        const file = join(t.config.dataDir, url);
        expect(existsSync(file)).toBe(true);
        const meta = await sharp(readFileSync(file)).metadata();
        expect(meta.exif).toBeUndefined();
        expect(readFileSync(file).toString('latin1')).not.toContain('AulaTestCam');
      }
    }
    const page = await t.inject({ method: 'GET', url: `/e/${event.slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Undangan yang hadir secara luring di Aula Kelurahan Kanigaran');
    expect(page.body).not.toContain('<img src=x');
  });

  it('refuses a file that is not a photo and stores nothing', async () => {
    const before = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${event.id}/photos`, token: organizer })
    ).json().items.length;
    const body = multipart([
      { name: 'files', value: await jpegWithExif(400, 300), filename: 'a.jpg', type: 'image/jpeg' },
      { name: 'files', value: 'MZ not an image', filename: 'b.jpg', type: 'image/jpeg' },
    ]);
    const r = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/photos`,
      token: organizer,
      ...body,
    });
    expect(r.statusCode).toBe(415);
    expect(r.json().error.message).toContain('JPEG');
    const after = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${event.id}/photos`, token: organizer })
    ).json().items.length;
    expect(after).toBe(before);
  });

  it('shares speakers’ PDF materials after the event; refuses anything but PDF', async () => {
    const doc = await PDFDocument.create();
    doc.addPage();
    const pdf = Buffer.from(await doc.save());
    const bad = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/materials`,
      token: organizer,
      ...multipart([{ name: 'files', value: 'slides', filename: 'slides.pdf', type: 'application/pdf' }]),
    });
    expect(bad.statusCode).toBe(415);
    const ok = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${event.id}/materials`,
      token: organizer,
      ...multipart([
        { name: 'files', value: pdf, filename: 'Peran Pemerintah dalam UMKM.pdf', type: 'application/pdf' },
        { name: 'shared', value: '1' },
      ]),
    });
    expect(ok.statusCode).toBe(201);
    const pub = await t.inject({ method: 'GET', url: `/api/v1/events/${event.id}/materials` });
    expect(pub.json().items.map((m: { caption: string }) => m.caption)).toEqual([
      'Peran Pemerintah dalam UMKM',
    ]);
  });

  it('only the event’s staff upload; only organizers edit or delete', async () => {
    const body = () =>
      multipart([{ name: 'files', value: Buffer.from('x'), filename: 'a.jpg', type: 'image/jpeg' }]);
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/events/${event.id}/photos`, ...body() })).statusCode,
    ).toBe(401);
    for (const role of ['organizer', 'checkin', 'moderator'] as const) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${event.id}/photos`,
        token: await t.tokenFor(role),
        ...body(),
      });
      expect(r.statusCode).toBe(403);
    }
    const items = (
      await t.inject({ method: 'GET', url: `/api/v1/events/${event.id}/photos`, token: organizer })
    ).json().items;
    const other = await t.tokenFor('organizer');
    expect(
      (
        await t.inject({
          method: 'DELETE',
          url: `/api/v1/events/${event.id}/media/${items[0].id}`,
          token: other,
        })
      ).statusCode,
    ).toBe(403);
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${event.id}/media/${items[0].id}`,
      token: organizer,
      payload: { caption: 'Sambutan Lurah Kanigaran' },
    });
    expect(patch.json().caption).toBe('Sambutan Lurah Kanigaran');
    const del = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${event.id}/media/${items[1].id}`,
      token: organizer,
    });
    expect(del.statusCode).toBe(204);
    expect(existsSync(join(t.config.dataDir, items[1].url))).toBe(false);
  });
});
