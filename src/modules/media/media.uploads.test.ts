import { execFile } from 'node:child_process';
import { createCipheriv, createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { PDFDocument } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { listen } from '../../../test/helpers/browser.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createEvent } from '../../../test/helpers/events.js';
import { jpegWithExif, multipart } from '../../../test/helpers/images.js';
import { sweepIncoming } from './media.multipart.js';

/**
 * Issue 13 point 3: materials are streamed to disk and read in a worker with a time limit, so a PDF
 * padded with 19 MB of random bytes (pdf-lib spends minutes on it) no longer stalls the app; at most
 * 5 files of 20 MB each, and the refusals name the limit.
 */
const MB = 1024 * 1024;

async function onePage(): Promise<Buffer> {
  const doc = await PDFDocument.create();
  doc.addPage();
  return Buffer.from(await doc.save());
}

/**
 * `n` bytes that look random but are the same on every run (AES-CTR over zeros, keyed by `seed`). Truly random
 * padding made the test flaky: now and then (once in CI, once in ~55 draws here) pdf-lib gave up on the draw at
 * once (a fast "not a PDF" answer, right for such a file) instead of parsing for minutes, so the time limit was
 * never reached. The 'padded' draw parses past the limit every time.
 */
function noise(n: number, seed: string): Buffer {
  const c = createCipheriv('aes-256-ctr', createHash('sha256').update(seed).digest(), Buffer.alloc(16));
  return Buffer.concat([c.update(Buffer.alloc(n)), c.final()]);
}

/** A valid one-page PDF with 19 MB of noise after its header line: it still ends in %%EOF. */
function padded(pdf: Buffer): Buffer {
  const cut = pdf.indexOf('\n') + 1;
  return Buffer.concat([pdf.subarray(0, cut), noise(19 * MB, 'padded'), pdf.subarray(cut)]);
}

/** A real 19 MB deck: the bytes sit in a stream that declares its length, as slides' images do. */
function bigDeck(pdf: Buffer): Buffer {
  const cut = pdf.indexOf('\n') + 1;
  const n = 19 * MB;
  return Buffer.concat([
    pdf.subarray(0, cut),
    Buffer.from(`99 0 obj\n<< /Length ${n} >>\nstream\n`),
    noise(n, 'deck'),
    Buffer.from('\nendstream\nendobj\n'),
    pdf.subarray(cut),
  ]);
}

describe.each(DB_KINDS)('material uploads on %s', (kind) => {
  let t: TestApp;
  let base: string;
  let token: string;
  let eventId: string;
  let pdf: Buffer;
  beforeAll(async () => {
    t = await createTestApp(kind);
    token = await t.tokenFor('organizer', 'fotografer@example.test');
    eventId = (
      await createEvent(t, token, {
        title: 'Seminar UMKM',
        startsAt: '2031-12-30T09:00:00+07:00',
        endsAt: '2031-12-30T12:00:00+07:00',
      })
    ).id;
    base = await listen(t);
    pdf = await onePage();
  });
  afterAll(() => t.close());

  const upload = (files: { data: Buffer; name: string }[]) => {
    const form = new FormData();
    for (const f of files)
      form.append('files', new Blob([new Uint8Array(f.data)], { type: 'application/pdf' }), f.name);
    return fetch(`${base}/api/v1/events/${eventId}/materials`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
  };
  const leftovers = () => {
    const dir = join(t.config.dataDir, 'incoming');
    return existsSync(dir) ? readdirSync(dir) : [];
  };
  const stored = () => {
    const dir = join(t.config.dataDir, 'uploads', 'media');
    return existsSync(dir) ? readdirSync(dir).length : 0;
  };

  it('keeps /api/health answering during a 19 MB random-padded PDF, and refuses the PDF by its time limit', async () => {
    const loop = monitorEventLoopDelay({ resolution: 10 });
    const latencies: number[] = [];
    let uploading = true;
    const probe = (async () => {
      while (uploading) {
        const t0 = performance.now();
        const r = await fetch(`${base}/api/health`);
        await r.text();
        expect(r.status).toBe(200);
        latencies.push(performance.now() - t0);
        await new Promise((res) => setTimeout(res, 25));
      }
    })();
    // The upload comes from another process (curl), as from a phone: what is measured is the server.
    const file = join(t.config.dataDir, 'padded.pdf');
    writeFileSync(file, padded(pdf));
    loop.enable();
    const out = await new Promise<string>((resolve, reject) =>
      execFile(
        'curl',
        [
          '-s',
          '-w',
          '\n%{http_code}',
          '-H',
          `authorization: Bearer ${token}`,
          '-F',
          `files=@${file};type=application/pdf`,
          `${base}/api/v1/events/${eventId}/materials`,
        ],
        (err, stdout) => (err ? reject(err) : resolve(stdout)),
      ),
    );
    loop.disable();
    uploading = false;
    await probe;
    const [json, status] = [out.slice(0, out.lastIndexOf('\n')), out.slice(out.lastIndexOf('\n') + 1)];
    expect(status).toBe('415');
    const body = JSON.parse(json) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('pdf_too_complex');
    expect(body.error.message).toContain('5 detik');
    expect(latencies.length).toBeGreaterThan(10);
    // Before: pdf-lib held the loop for minutes. The bound is generous for a shared machine; the
    // measured figures go to docs/SECURITY.md.
    const worst = Math.max(...latencies);
    console.log(
      `[${kind}] health during upload: ${latencies.length} probes, worst ${worst.toFixed(0)} ms; event-loop delay max ${(loop.max / 1e6).toFixed(0)} ms, p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms`,
    );
    expect(worst).toBeLessThan(1000);
    expect(leftovers()).toEqual([]);
    expect(stored()).toBe(0);
  }, 120_000);

  it('refuses random bytes after %%EOF at once, and accepts a real 19 MB deck', async () => {
    const junk = await upload([{ data: Buffer.concat([pdf, noise(2 * MB, 'junk')]), name: 'rusak.pdf' }]);
    expect(junk.status).toBe(415);
    const deck = await upload([{ data: bigDeck(pdf), name: 'slide-narasumber.pdf' }]);
    expect(deck.status, await deck.clone().text()).toBe(201);
    const m = ((await deck.json()) as { materials: { caption: string }[] }).materials;
    expect(m.map((x) => x.caption)).toEqual(['slide-narasumber']);
    expect(stored()).toBe(1);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('takes at most 5 files of 20 MB each, naming the limit, and keeps nothing of a refused request', async () => {
    const six = await upload(Array.from({ length: 6 }, (_, i) => ({ data: pdf, name: `m${i}.pdf` })));
    expect(six.status).toBe(400);
    expect(((await six.json()) as { error: { message: string } }).error.message).toContain(
      'Paling banyak 5 berkas',
    );
    const huge = await upload([{ data: Buffer.concat([pdf, Buffer.alloc(21 * MB)]), name: 'besar.pdf' }]);
    expect(huge.status).toBe(413);
    expect(((await huge.json()) as { error: { message: string } }).error.message).toContain('20480 KB');
    const five = await upload(Array.from({ length: 5 }, (_, i) => ({ data: pdf, name: `m${i}.pdf` })));
    expect(five.status).toBe(201);
    expect(stored()).toBe(6);
    expect(leftovers()).toEqual([]);
  }, 120_000);

  it('streams console photo uploads to disk too and keeps only the re-encoded files', async () => {
    const login = await t.inject({
      method: 'POST',
      url: '/api/v1/auth/login',
      payload: { email: 'fotografer@example.test', password: 'password123' },
    });
    expect(login.statusCode).toBe(200);
    const before = stored();
    const body = multipart([
      { name: '_csrf', value: login.json().csrfToken },
      { name: 'files', value: await jpegWithExif(1200, 800), filename: 'IMG_0001.jpg', type: 'image/jpeg' },
      { name: 'caption', value: 'Peserta di Aula Kelurahan Kanigaran' },
    ]);
    const r = await t.inject({
      method: 'POST',
      url: `/console/events/${eventId}/media/photos`,
      cookies: { aula_session: login.cookies.find((c) => c.name === 'aula_session')!.value },
      ...body,
    });
    expect(r.statusCode, r.body).toBe(303);
    expect(stored()).toBe(before + 2); // the photo and its thumbnail
    expect(leftovers()).toEqual([]);
  });

  it('sweeps staged files an interrupted upload left, once they are an hour old', async () => {
    const dir = join(t.config.dataDir, 'incoming');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'old.part'), 'x');
    writeFileSync(join(dir, 'running.part'), 'x');
    const twoHoursAgo = new Date(Date.now() - 2 * 3_600_000);
    utimesSync(join(dir, 'old.part'), twoHoursAgo, twoHoursAgo);
    expect(await sweepIncoming(t.config.dataDir)).toBe(1);
    expect(leftovers()).toEqual(['running.part']);
    expect(await sweepIncoming(t.config.dataDir, -1)).toBe(1);
  });
});
