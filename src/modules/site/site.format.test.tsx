import { renderToString } from 'preact-render-to-string';
import { describe, expect, it } from 'vitest';
import type { EventRow } from '../events/index.js';
import { EventWhen } from './site.components.js';
import { metaDescription, whatsAppLink, whatsAppText } from './site.service.js';

const event = (tz: string, start: string, end: string): EventRow => ({
  id: 'e1',
  slug: 'seminar',
  org_id: null,
  series: null,
  title: 'Seminar UMKM',
  theme: 'Strategi Pemulihan',
  summary: null,
  description: null,
  starts_at: Date.parse(start),
  ends_at: Date.parse(end),
  timezone: tz,
  venue_name: 'Aula Kelurahan Kanigaran',
  venue_address: null,
  venue_map_url: null,
  venue_capacity: 52,
  online_platform: 'zoom',
  online_join_url: 'https://zoom.us/j/1',
  online_stream_url: null,
  online_capacity: null,
  banner_path: null,
  city: null,
  status: 'published',
  created_by: null,
  created_at: 0,
  updated_at: 0,
});

const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe('event dates on the public pages', () => {
  it('writes the seed date the Indonesian way, with the end time', () => {
    const e = event('Asia/Jakarta', '2021-12-30T09:00:00+07:00', '2021-12-30T12:15:00+07:00');
    expect(text(renderToString(<EventWhen event={e} locale="id" />))).toBe(
      'Kamis, 30 Desember 2021, pukul 09.00 WIB sampai pukul 12.15 WIB',
    );
    expect(text(renderToString(<EventWhen event={e} locale="en" />))).toBe(
      'Thursday, 30 December 2021, 09:00 WIB until 12:15 WIB',
    );
  });

  it('uses WITA and WIT in their zones, and repeats the date when the event ends on another day', () => {
    const makassar = event('Asia/Makassar', '2021-12-30T09:00:00+08:00', '2021-12-30T11:00:00+08:00');
    expect(text(renderToString(<EventWhen event={makassar} locale="id" />))).toBe(
      'Kamis, 30 Desember 2021, pukul 09.00 WITA sampai pukul 11.00 WITA',
    );
    const jayapura = event('Asia/Jayapura', '2021-12-30T19:00:00+09:00', '2021-12-31T08:00:00+09:00');
    expect(text(renderToString(<EventWhen event={jayapura} locale="id" />))).toBe(
      'Kamis, 30 Desember 2021, pukul 19.00 WIT sampai Jumat, 31 Desember 2021, pukul 08.00 WIT',
    );
    expect(text(renderToString(<EventWhen event={jayapura} locale="en" />))).toBe(
      'Thursday, 30 December 2021, 19:00 WIT until Friday, 31 December 2021, 08:00 WIT',
    );
  });

  it('builds the WhatsApp text with the date written out, both places and the link, never the join link', () => {
    const e = event('Asia/Jakarta', '2021-12-30T09:00:00+07:00', '2021-12-30T12:15:00+07:00');
    const id = whatsAppText(e, 'id', 'https://aula.example/e/seminar');
    expect(id).toBe(
      '*Seminar UMKM*\nTema: Strategi Pemulihan\n🗓️ Kamis, 30 Desember 2021, pukul 09.00 WIB\n📍 Aula Kelurahan Kanigaran (luring) · Zoom (daring)\nInfo dan pendaftaran: https://aula.example/e/seminar',
    );
    expect(whatsAppText(e, 'en', 'https://aula.example/e/seminar')).toContain(
      'Thursday, 30 December 2021, 09:00 WIB',
    );
    expect(id).not.toContain('zoom.us');
    const link = whatsAppLink(id);
    expect(link.startsWith('https://wa.me/?text=')).toBe(true);
    expect(decodeURIComponent(link.slice('https://wa.me/?text='.length))).toBe(id);
    expect(metaDescription(e, 'id')).toBe(
      'Strategi Pemulihan · Kamis, 30 Desember 2021, pukul 09.00 WIB · Aula Kelurahan Kanigaran',
    );
  });
});
