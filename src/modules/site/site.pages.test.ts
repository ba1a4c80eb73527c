import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { person, publishedEvent } from '../../../test/helpers/registrations.js';
import { DEMO_SLUG } from '../demo/index.js';

const decode = (html: string) =>
  html.replaceAll('&amp;', '&').replaceAll('&quot;', '"').replaceAll('&#39;', "'");

describe.each(DB_KINDS)('public site on %s', (kind) => {
  let t: TestApp;
  let organizer: string;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await t.app.ctx.services.demo.load({ ownerEmail: null });
    organizer = await t.tokenFor('organizer', 'rina@example.test');
  });
  afterAll(() => t.close());

  it('shows the demo event in Indonesian: date, venue, online platform, people with titles, rundown, partners', async () => {
    const r = await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/html');
    const html = decode(r.body);
    expect(html).toContain('<html lang="id"');
    expect(html).toContain('Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19');
    expect(html).toContain('Kamis, 30 Desember 2021, pukul 09.00 WIB');
    expect(html).toContain('Aula Kelurahan Kanigaran');
    expect(html).toContain('Zoom');
    for (const name of [
      'Dwi Arianto, S.Sos., M.M.',
      'Imam Sucahyo, M.AP',
      'Choirul Arifin, S.St.Pi., M.M',
      'Heri Sutanto',
      'Munawar Hasyim, S.E.',
      'Andi Nur Rahmadi, S.IP., M.IP.',
    ]) {
      expect(html).toContain(name);
    }
    expect(html).toContain('Kasi Pengembangan Usaha Mikro DKUPP Kota Probolinggo');
    expect(html).toContain('Susunan acara');
    expect(html).toContain('09.30–10.00 WIB');
    expect(html).toContain('Kelurahan Kanigaran');
    expect(html).toContain('Lembaga Pengabdian Masyarakat Kota Probolinggo');
    expect(html).toContain(`href="/e/${DEMO_SLUG}/event.ics"`);
    // The join link is for registered participants only.
    expect(html).not.toContain('zoom.us/j/');
  });

  it('has absolute OpenGraph tags, a description and a WhatsApp share link with the text prefilled', async () => {
    const html = decode((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body);
    expect(html).toContain(`<meta property="og:url" content="http://aula.test/e/${DEMO_SLUG}"`);
    expect(html).toContain('<meta property="og:title" content="Seminar Hybrid (Tatap Muka dan Daring)');
    expect(html).toMatch(
      /<meta name="description" content="Strategi Pemulihan Mikro Kecil dan Menengah di Tengah Pandemi · Kamis, 30 Desember 2021/,
    );
    const wa = /href="(https:\/\/wa\.me\/\?text=[^"]+)"/.exec(html)?.[1];
    expect(wa).toBeTruthy();
    const text = decodeURIComponent(new URL(wa!).searchParams.get('text')!);
    expect(text).toContain('Kamis, 30 Desember 2021, pukul 09.00 WIB');
    expect(text).toContain(`http://aula.test/e/${DEMO_SLUG}`);
  });

  it('speaks English on request and remembers it', async () => {
    const r = await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}?lang=en` });
    const html = decode(r.body);
    expect(html).toContain('<html lang="en"');
    expect(html).toContain('Thursday, 30 December 2021, 09:00 WIB');
    expect(html).toContain('Programme');
    expect(r.cookies.find((c) => c.name === 'lang')?.value).toBe('en');
    const again = await t.inject({ method: 'GET', url: '/', cookies: { lang: 'en' } });
    expect(again.body).toContain('Upcoming events');
  });

  it('serves an .ics file in UTC', async () => {
    const r = await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}/event.ics` });
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('text/calendar');
    expect(r.body).toContain('BEGIN:VEVENT');
    expect(r.body).toContain('DTSTART:20211230T020000Z');
    expect(r.body).toContain('DTEND:20211230T051500Z');
    expect(r.body).toContain('LOCATION:Aula Kelurahan Kanigaran');
    expect(r.body).not.toContain('zoom.us/j/');
  });

  it('lists published events and organizations on the home and organization pages', async () => {
    const home = decode((await t.inject({ method: 'GET', url: '/' })).body);
    expect(home).toContain('Acara yang telah berlangsung');
    expect(home).toContain(`href="/e/${DEMO_SLUG}"`);
    expect(home).toContain('href="/o/administrasi-publik-upm"');
    const org = await t.inject({ method: 'GET', url: '/o/administrasi-publik-upm' });
    expect(org.statusCode).toBe(200);
    expect(decode(org.body)).toContain(
      'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga',
    );
    expect(org.body).toContain(`href="/e/${DEMO_SLUG}"`);
    const partner = decode((await t.inject({ method: 'GET', url: '/o/kelurahan-kanigaran' })).body);
    expect(partner).toContain('Sebagai mitra');
    expect((await t.inject({ method: 'GET', url: '/o/tidak-ada' })).statusCode).toBe(404);
  });

  it('shows the next event of a series on the organization page', async () => {
    const future = new Date(Date.now() + 30 * 86400_000);
    const iso = (d: Date) => `${d.toISOString().slice(0, 19)}Z`;
    const copy = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${DEMO_SLUG}/duplicate`,
      token: await t.tokenFor('admin'),
      payload: {
        title: 'Seminar UMKM Kanigaran berikutnya',
        startsAt: iso(future),
        endsAt: iso(new Date(future.getTime() + 3 * 3600_000)),
      },
    });
    expect(copy.statusCode).toBe(201);
    // A draft is not listed and not shown.
    expect((await t.inject({ method: 'GET', url: `/e/${copy.json().slug}` })).statusCode).toBe(404);
    expect((await t.inject({ method: 'GET', url: `/e/${copy.json().slug}/event.ics` })).statusCode).toBe(404);
    // (The demo's own next webinar is already listed; the draft copy is not.)
    expect((await t.inject({ method: 'GET', url: '/o/administrasi-publik-upm' })).body).not.toContain(
      'Seminar UMKM Kanigaran berikutnya',
    );
    await t.inject({
      method: 'POST',
      url: `/api/v1/events/${copy.json().id}/publish`,
      token: await t.tokenFor('admin'),
    });
    const org = decode((await t.inject({ method: 'GET', url: '/o/administrasi-publik-upm' })).body);
    expect(org).toContain('Acara berikutnya');
    expect(org).toContain('Seminar UMKM Administrasi Publik UPM');
    expect(org).toContain('Seminar UMKM Kanigaran berikutnya');
  });

  it('drafts are 404 to the public and to other organizers, a preview for their team', async () => {
    const e = await createEvent(t, organizer, {
      title: '<script>alert("x")</script> Pelatihan',
      startsAt: '2030-01-10T09:00:00+08:00',
      endsAt: '2030-01-10T12:00:00+08:00',
      timezone: 'Asia/Makassar',
    });
    const anon = await t.inject({ method: 'GET', url: `/e/${e.slug}` });
    expect(anon.statusCode).toBe(404);
    expect(anon.body).toContain('tidak ditemukan');
    expect(
      (await t.inject({ method: 'GET', url: `/e/${e.slug}`, token: await t.tokenFor('organizer') }))
        .statusCode,
    ).toBe(404);
    const preview = await t.inject({ method: 'GET', url: `/e/${e.slug}`, token: organizer });
    expect(preview.statusCode).toBe(200);
    expect(preview.body).toContain('Pratinjau draf');
    expect(preview.body).not.toContain('<script>alert');
    expect(preview.body).toContain('&lt;script>');
    expect(preview.body).toContain('Kamis, 10 Januari 2030, pukul 09.00 WITA');
  });

  it('reflects an edit at once for anonymous visitors (the page cache follows updated_at)', async () => {
    const before = await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` });
    expect(before.body).not.toContain('Judul baru');
    const admin = await t.tokenFor('admin');
    await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${DEMO_SLUG}`,
      token: admin,
      payload: { title: 'Judul baru seminar' },
    });
    expect((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body).toContain('Judul baru seminar');
    await t.inject({ method: 'POST', url: `/api/v1/events/${DEMO_SLUG}/unpublish`, token: admin });
    expect((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).statusCode).toBe(404);
    await t.inject({ method: 'POST', url: `/api/v1/events/${DEMO_SLUG}/publish`, token: admin });
    expect((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).statusCode).toBe(200);
  });

  it('shows a person added through the REST API at once, and drops them at once when removed', async () => {
    // Two visits first, so both the one-second page and the body cache hold the page.
    for (let i = 0; i < 2; i++) {
      const warm = await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` });
      expect(warm.statusCode).toBe(200);
      expect(decode(warm.body)).not.toContain('Sri Wahyuni');
    }
    const admin = await t.tokenFor('admin');
    const added = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${DEMO_SLUG}/people`,
      token: admin,
      payload: {
        frontTitles: 'Dr.',
        name: 'Sri Wahyuni',
        backTitles: 'S.E., M.Si.',
        position: 'Kepala Dinas Koperasi dan UMKM',
        role: 'speaker',
        presence: 'online',
      },
    });
    expect(added.statusCode).toBe(201);
    // The program service writes only the people table and emits event.updated; no updated_at moves.
    const shown = decode((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body);
    expect(shown).toContain('Dr. Sri Wahyuni, S.E., M.Si.');
    expect(shown).toContain('Kepala Dinas Koperasi dan UMKM');
    expect(decode((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}?lang=en` })).body)).toContain(
      'Dr. Sri Wahyuni, S.E., M.Si.',
    );

    const removed = await t.inject({
      method: 'DELETE',
      url: `/api/v1/events/${DEMO_SLUG}/people/${added.json().id}`,
      token: admin,
    });
    expect(removed.statusCode).toBe(204);
    expect(decode((await t.inject({ method: 'GET', url: `/e/${DEMO_SLUG}` })).body)).not.toContain(
      'Sri Wahyuni',
    );
  });

  it('answers unknown events with a 404 page in the visitor language', async () => {
    const r = await t.inject({ method: 'GET', url: '/e/tidak-ada?lang=en' });
    expect(r.statusCode).toBe(404);
    expect(r.body).toContain('Event not found.');
  });
});

describe.each(DB_KINDS)('the cached event page after a registration on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(() => t.close());

  it('never shows places that are gone: a registration, a cancellation and a switch drop the page', async () => {
    const e = await publishedEvent(t, { capacity: 2 });
    const left = async () => {
      const body = (await t.inject({ method: 'GET', url: `/e/${e.slug}` })).body;
      return /tersisa (\d+) tempat|penuh/.exec(body)?.[0];
    };
    expect(await left()).toBe('tersisa 2 tempat');
    const a = await t.inject({
      method: 'POST',
      url: `/api/v1/events/${e.id}/registrations`,
      payload: person(1),
    });
    expect(await left()).toBe('tersisa 1 tempat');
    await t.inject({ method: 'POST', url: `/api/v1/events/${e.id}/registrations`, payload: person(2) });
    expect(await left()).toBe('penuh');
    await t.inject({ method: 'POST', url: `/api/v1/tickets/${a.json().ticketCode}/cancel` });
    expect(await left()).toBe('tersisa 1 tempat');
  });
});
