import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createDemoOwner } from '../../../test/helpers/events.js';
import { DEMO_SLUG } from './demo.service.js';

describe.each(DB_KINDS)('demo event on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
    await createDemoOwner(t);
  });
  afterAll(() => t.close());

  it('builds the seed seminar exactly, published', async () => {
    expect(await t.app.ctx.services.demo.load({ ownerEmail: 'panitia@example.test' })).toEqual({
      slug: DEMO_SLUG,
    });
    const e = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json();
    expect(e).toMatchObject({
      title:
        'Seminar Hybrid (Tatap Muka dan Daring): Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
      theme: 'Strategi Pemulihan Mikro Kecil dan Menengah di Tengah Pandemi',
      status: 'published',
      timezone: 'Asia/Jakarta',
      startsAt: '2021-12-30T09:00:00+07:00',
      venue: { name: 'Aula Kelurahan Kanigaran', capacity: 52 },
      online: { platform: 'zoom', streamUrl: null },
    });
    expect(e.venue.address).toContain('Kota Probolinggo');
    expect(e.org.name).toBe(
      'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga',
    );
    expect(e.partners.map((p: { name: string }) => p.name)).toEqual([
      'Kelurahan Kanigaran',
      'Lembaga Pengabdian Masyarakat Kota Probolinggo',
    ]);

    const people = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/people` })).json()
      .people;
    const byName = Object.fromEntries(people.map((p: { name: string }) => [p.name, p]));
    expect(byName['Dwi Arianto']).toMatchObject({
      backTitles: 'S.Sos., M.M.',
      role: 'official',
      presence: 'onsite',
      position: 'Lurah Kanigaran',
    });
    expect(byName['Imam Sucahyo']).toMatchObject({
      backTitles: 'M.AP',
      role: 'official',
      presence: 'online',
    });
    expect(byName['Choirul Arifin']).toMatchObject({
      fullName: 'Choirul Arifin, S.St.Pi., M.M',
      position: 'Kasi Pengembangan Usaha Mikro DKUPP Kota Probolinggo',
      role: 'speaker',
    });
    expect(byName['Heri Sutanto']).toMatchObject({
      backTitles: null,
      position: 'Ketua Lembaga Pengabdian Masyarakat Kota Probolinggo',
    });
    expect(byName['Munawar Hasyim'].fullName).toBe('Munawar Hasyim, S.E.');
    expect(byName['Andi Nur Rahmadi']).toMatchObject({
      fullName: 'Andi Nur Rahmadi, S.IP., M.IP.',
      position: 'Dosen Program Studi Administrasi Publik',
    });
    expect(people.filter((p: { role: string }) => p.role === 'speaker')).toHaveLength(4);

    const agenda = (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/agenda` })).json()
      .agenda;
    expect(agenda.map((a: { kind: string }) => a.kind)).toEqual([
      'opening',
      'remarks',
      'remarks',
      'talk',
      'talk',
      'talk',
      'video',
      'talk',
      'qa',
      'closing',
    ]);
    expect(agenda[1].people[0]).toMatchObject({ fullName: 'Dwi Arianto, S.Sos., M.M.', presence: 'onsite' });
    expect(agenda[2].people[0]).toMatchObject({ fullName: 'Imam Sucahyo, M.AP', presence: 'online' });
    expect(agenda[6].people[0].fullName).toBe('Heri Sutanto');
    expect(agenda[9].notes).toContain('kutipan inspirasional');
  });

  it('is idempotent and gives a later owner access', async () => {
    const before = (await t.inject({ method: 'GET', url: '/api/v1/events' })).json().events.length;
    const orgsBefore = (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations
      .length;
    await t.app.ctx.services.auth.createUser({
      email: 'kedua@example.test',
      password: 'password123',
      role: 'organizer',
    });
    await Promise.all([
      t.app.ctx.services.demo.load({ ownerEmail: null }),
      t.app.ctx.services.demo.load({ ownerEmail: 'kedua@example.test' }),
    ]);
    expect((await t.inject({ method: 'GET', url: '/api/v1/events' })).json().events.length).toBe(before);
    expect(
      (await t.inject({ method: 'GET', url: '/api/v1/organizations' })).json().organizations.length,
    ).toBe(orgsBefore);
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/people` })).json().people,
    ).toHaveLength(6);
    const token = await t.app.ctx.services.auth.createApiToken('kedua@example.test');
    const patch = await t.inject({
      method: 'PATCH',
      url: `/api/v1/events/${DEMO_SLUG}`,
      token,
      payload: { summary: 'Ringkasan' },
    });
    expect(patch.statusCode).toBe(200);
  });

  it('gives the three organizations placeholder logos and the event a banner, once', async () => {
    const fresh = await createTestApp(kind);
    const dataDir = fresh.config.dataDir;
    const files = (dir: string) => {
      try {
        return readdirSync(join(dataDir, 'uploads', dir)).sort();
      } catch {
        return [];
      }
    };
    try {
      // Two loads at once: one file per picture survives, the loser's copies are removed.
      await Promise.all([
        fresh.app.ctx.services.demo.load({ ownerEmail: null, dataDir }),
        fresh.app.ctx.services.demo.load({ ownerEmail: null, dataDir }),
      ]);
      const e = (await fresh.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json();
      expect(e.bannerUrl).toMatch(/^\/uploads\/banners\/[0-9a-z]+\.jpg$/);
      const logos = [e.org, ...e.partners].map((o: { logoUrl: string | null }) => o.logoUrl);
      expect(logos).toHaveLength(3);
      for (const url of logos) expect(url).toMatch(/^\/uploads\/logos\/[0-9a-z]+\.png$/);
      expect(files('logos')).toEqual(logos.map((u) => u!.split('/').pop()).sort());
      expect(files('banners')).toEqual([e.bannerUrl.split('/').pop()]);

      const banner = await fresh.inject({ method: 'GET', url: e.bannerUrl });
      expect(banner.statusCode).toBe(200);
      expect(await sharp(banner.rawPayload).metadata()).toMatchObject({
        format: 'jpeg',
        width: 960,
        height: 540,
      });
      const logo = await fresh.inject({ method: 'GET', url: logos[0]! });
      const meta = await sharp(logo.rawPayload).metadata();
      expect(meta).toMatchObject({ format: 'png', hasAlpha: true });
      // Not a blank square: the initials are drawn from the bundled font, whatever fonts the system has.
      const { channels } = await sharp(logo.rawPayload).stats();
      expect(channels[0]!.stdev).toBeGreaterThan(20);

      // A later run keeps the pictures as they are.
      await fresh.app.ctx.services.demo.load({ ownerEmail: null, dataDir });
      const again = (await fresh.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json();
      expect(again.bannerUrl).toBe(e.bannerUrl);
      expect(again.org.logoUrl).toBe(e.org.logoUrl);
      expect(files('logos')).toHaveLength(3);
      expect(files('banners')).toHaveLength(1);
    } finally {
      await fresh.close();
    }
  });

  it('adds the pictures to a demo loaded without them, and never replaces an uploaded logo', async () => {
    const fresh = await createTestApp(kind);
    const dataDir = fresh.config.dataDir;
    try {
      await fresh.app.ctx.services.demo.load({ ownerEmail: null });
      const before = (await fresh.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json();
      expect(before.bannerUrl).toBeNull();
      expect(before.org.logoUrl).toBeNull();
      const org = await fresh.app.ctx.services.orgs.find('kelurahan-kanigaran');
      await fresh.app.ctx.services.orgs.setLogoIfNone(org!.id, 'logos/uploadedbyhand1.png');

      await fresh.app.ctx.services.demo.load({ ownerEmail: null, dataDir });
      const after = (await fresh.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}` })).json();
      expect(after.bannerUrl).toMatch(/^\/uploads\/banners\//);
      expect(after.org.logoUrl).toMatch(/^\/uploads\/logos\//);
      expect(after.partners[0].logoUrl).toBe('/uploads/logos/uploadedbyhand1.png');
      expect(after.partners[1].logoUrl).toMatch(/^\/uploads\/logos\//);
    } finally {
      await fresh.close();
    }
  });

  it('refuses an unknown owner e-mail without writing anything', async () => {
    const fresh = await createTestApp(kind);
    try {
      await expect(
        fresh.app.ctx.services.demo.load({ ownerEmail: 'nobody@example.test' }),
      ).rejects.toMatchObject({
        status: 404,
      });
      expect((await fresh.inject({ method: 'GET', url: '/api/v1/events' })).json().events).toHaveLength(0);
    } finally {
      await fresh.close();
    }
  });
});
