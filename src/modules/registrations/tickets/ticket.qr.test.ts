import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../../test/helpers/app.js';
import { DB_KINDS } from '../../../../test/helpers/env.js';
import { jsQR } from '../../../../test/helpers/qr.js';
import { publishedEvent } from '../../../../test/helpers/registrations.js';
import { qrPath } from './qr.js';

const PHONE = { 'accept-encoding': 'br, gzip', 'accept-language': 'id-ID,id;q=0.9' };

/** Rasterizes the page's inline SVG and reads it back with a QR decoder, as the door's scanner would. */
async function scan(html: string): Promise<string | null> {
  const svg = /<svg[^>]*class="qr"[^>]*>[\s\S]*?<\/svg>/.exec(html)?.[0];
  if (!svg) return null;
  const { data, info } = await sharp(Buffer.from(svg), { density: 144 })
    .flatten({ background: '#fff' })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  return jsQR(new Uint8ClampedArray(data), info.width, info.height)?.data ?? null;
}

/** The page as the phone's browser reads it: it asked for brotli or gzip and must get one of them. */
function unpack(res: { headers: Record<string, unknown>; rawPayload: Buffer }): string {
  const coding = res.headers['content-encoding'];
  expect(['gzip', 'br']).toContain(coding);
  return (coding === 'br' ? brotliDecompressSync(res.rawPayload) : gunzipSync(res.rawPayload)).toString(
    'utf8',
  );
}

const pathOf = (html: string) => /<svg[^>]*class="qr"[\s\S]*?<path d="([^"]+)"/.exec(html)?.[1];

describe.each(DB_KINDS)('the ticket page’s QR code on %s', (kind) => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp(kind);
  });
  afterAll(async () => {
    await t.close();
  });

  it('registers through the form as a phone does, and the QR on the ticket page scans to the ticket code', async () => {
    const e = await publishedEvent(t);
    const posted = await t.inject({
      method: 'POST',
      url: `/e/${e.slug}/daftar`,
      headers: { ...PHONE, 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams({
        name: 'Siti Aminah',
        phone: '0812-3456-7101',
        mode: 'onsite',
        consent: 'yes',
        website: '',
      }).toString(),
    });
    expect(posted.statusCode).toBe(303);
    const loc = posted.headers.location as string;
    const code = loc.split('/')[2]!.split('?')[0]!;

    const first = await t.inject({ method: 'GET', url: loc, headers: PHONE });
    expect(first.statusCode).toBe(200);
    const html = unpack(first);
    expect(html).toContain('Siti Aminah');
    expect(await scan(html)).toBe(code);

    // Drawn once and kept: the second request gets the very same drawing, and it still scans.
    const second = await t.inject({ method: 'GET', url: `/t/${code}`, headers: PHONE });
    const again = unpack(second);
    expect(pathOf(again)).toBeTruthy();
    expect(pathOf(again)).toBe(pathOf(html));
    expect(qrPath(code)).toBe(qrPath(code));
    expect(pathOf(html)).toBe(qrPath(code).d);
    expect(await scan(again)).toBe(code);
  });

  it('keeps each ticket’s own QR: two people get two different codes, each scanning to its own ticket', async () => {
    const e = await publishedEvent(t);
    const codes: string[] = [];
    for (const [i, phone] of ['0812-3456-7201', '0812-3456-7202'].entries()) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/registrations`,
        // Hall tickets: only a confirmed hall ticket is an entry pass with a QR.
        payload: { name: `Peserta ${i}`, phone, mode: 'onsite', consent: true },
      });
      expect(r.statusCode).toBe(201);
      codes.push(r.json().ticketCode as string);
    }
    const pages = await Promise.all(
      codes.map((c) =>
        t.inject({ method: 'GET', url: `/t/${c}`, headers: { 'accept-encoding': 'identity' } }),
      ),
    );
    expect(pathOf(pages[0]!.body)).not.toBe(pathOf(pages[1]!.body));
    expect(await scan(pages[0]!.body)).toBe(codes[0]);
    expect(await scan(pages[1]!.body)).toBe(codes[1]);
  });
});
