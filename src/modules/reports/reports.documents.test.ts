import JSZip from 'jszip';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, type TestApp } from '../../../test/helpers/app.js';
import { DB_KINDS } from '../../../test/helpers/env.js';
import { createDemoOwner } from '../../../test/helpers/events.js';
import { pdfText } from '../../../test/helpers/pdf.js';
import { drawnImages } from '../../../test/helpers/pdf-images.js';

/** The demo seminar (src/modules/demo). */
const DEMO_SLUG = 'seminar-umkm-kanigaran-2021';
const SEED_TITLE =
  'Seminar Hybrid (Tatap Muka dan Daring): Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19';

describe.each(DB_KINDS)('the demo’s report and news article read like the seed’s on %s', (kind) => {
  let t: TestApp;
  let token: string;
  const get = (url: string) => t.inject({ method: 'GET', url, token });

  beforeAll(async () => {
    t = await createTestApp(kind);
    const email = await createDemoOwner(t);
    token = await t.app.ctx.services.auth.createApiToken(email);
    await t.app.ctx.services.demo.load({ ownerEmail: email, dataDir: t.config.dataDir });
  });
  afterAll(() => t.close());

  it('prints the report in Indonesian: logos, typed lists, labelled numbers, consistent counts, decimal commas', async () => {
    const pdf = await get(`/api/v1/events/${DEMO_SLUG}/report?format=pdf&lang=id`);
    expect(pdf.statusCode).toBe(200);
    const text = await pdfText(pdf.rawPayload);
    const flat = text.replace(/\s+/g, ' ');
    expect(text).toContain('Kota Probolinggo, 30 Desember 2021');
    expect(text).toContain('NIDN. 0000000000');
    expect(text).toContain('Mengetahui,');
    // The typed goals keep their numbers, each item on its own line.
    expect(text).toMatch(/\n\s*2\.\s*\n?\s*Memperkenalkan inovasi/);
    expect(text).not.toMatch(/Product\. 2\. Memperkenalkan/);
    // The sentence counts the table under it.
    expect(flat).toContain(
      'Terdapat 5 pertanyaan dari audiens: 3 dari peserta luring dan 2 dari peserta daring',
    );
    expect(flat).toContain('99 orang (52 luring, 47 daring)');
    // Averages with a decimal comma; no "4.50" in the Indonesian report.
    expect(text).toMatch(/\b[345],\d\d\b/);
    expect(text).not.toMatch(/\b[345]\.\d\d\b/);
    // Headers and cells break at "/" or spaces, never inside a word.
    expect(text).not.toMatch(/Luring\/D\s+aring|Pejabat\/sam\s/);
    expect(text).toContain('Pejabat (sambutan)');

    const images = await drawnImages(pdf.rawPayload);
    // Three logos on the cover, above the title.
    expect(images.filter((i) => i.page === 0)).toHaveLength(3);
    const photos = images.filter((i) => i.page > 0);
    expect(photos).toHaveLength(4);
    for (const p of photos) expect((p.pxW / p.ptW) * 72).toBeGreaterThanOrEqual(200);
  });

  it('writes the same report as DOCX with the typed list as its own paragraphs and photos at ≥ 200 ppi', async () => {
    const docx = await get(`/api/v1/events/${DEMO_SLUG}/report?format=docx&lang=id`);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    const paragraphs = [...xml.matchAll(/<w:p[ >][\s\S]*?<\/w:p>/g)].map((m) =>
      [...m[0].matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((x) => x[1]).join(''),
    );
    expect(paragraphs.some((p) => p.startsWith('2.\tMemperkenalkan inovasi'))).toBe(true);
    expect(xml).toContain('Kota Probolinggo, 30 Desember 2021');
    expect(xml).toContain('NIDN. 0000000000');
    // "Luring/​Daring": a zero-width space lets the header wrap after the slash.
    expect(xml).toContain('Luring/\u200BDaring');
    const media = Object.keys(zip.files).filter((f) => f.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(4 + 3);
    for (const m of xml.matchAll(/<wp:extent cx="(\d+)" cy="(\d+)"\/>[\s\S]*?r:embed="(rId[^"]+)"/g)) {
      const inches = Number(m[1]) / 914400;
      expect(inches).toBeGreaterThan(0);
    }
  });

  it('prints the English report with English numbers and the same city line', async () => {
    const text = await pdfText(
      (await get(`/api/v1/events/${DEMO_SLUG}/report?format=pdf&lang=en`)).rawPayload,
    );
    expect(text).toContain('Kota Probolinggo, 30 December 2021');
    expect(text).toMatch(/\b[345]\.\d\d\b/);
    expect(text).toContain('99 people (52 in the hall, 47 online)');
  });

  it('writes the berita like the seed’s: headline, remarks in hall and online, speakers in order, counts, photos', async () => {
    const a = (await get(`/api/v1/events/${DEMO_SLUG}/berita?lang=id`)).json();
    expect(a.title).toBe(SEED_TITLE);
    expect(a.edited).toBe(false);
    const body = a.paragraphs.join('\n');
    expect(body).toContain(
      'bekerja sama dengan Kelurahan Kanigaran dan Lembaga Pengabdian Masyarakat Kota Probolinggo',
    );
    expect(body).toContain('Dwi Arianto, S.Sos., M.M. selaku Lurah Kanigaran secara langsung di lokasi');
    expect(body).toMatch(/Imam Sucahyo, M\.AP selaku Dekan .* secara daring lewat video konferensi/);
    const order = ['Choirul Arifin', 'Munawar Hasyim', 'Heri Sutanto', 'Andi Nur Rahmadi'].map((n) =>
      body.indexOf(`${n}`),
    );
    expect([...order].sort((x, y) => x - y)).toEqual(order);
    expect(body).toContain(
      'disaksikan oleh 52 audiens yang hadir di lokasi dengan mematuhi protokol kesehatan dan 47 lainnya',
    );
    expect(body).toContain('Terdapat 5 pertanyaan dari audiens baik secara luring maupun daring');
    expect(body).toContain('Berikut adalah dokumentasi kegiatannya:');
    expect(a.photos.map((p: { caption: string }) => p.caption)).toContain(
      'Undangan yang hadir secara luring di Aula Kelurahan Kanigaran dengan protokol kesehatan dan jarak pada setiap bangku yang telah disediakan.',
    );
    expect(a.text).toContain('jarak pada setiap bangku');
    const en = (await get(`/api/v1/events/${DEMO_SLUG}/berita?lang=en`)).json();
    expect(en.paragraphs.join(' ')).toContain('52 people attended in the hall');
  });

  it('keeps an edited berita, downloads it as DOCX with photos, and resets it', async () => {
    const edit = { title: 'Seminar UMKM di Kanigaran', body: 'Paragraf satu.\n\nParagraf <b>dua</b>.' };
    const put = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${DEMO_SLUG}/berita`,
      token,
      payload: { lang: 'id', edit },
    });
    expect(put.statusCode, put.body).toBe(200);
    expect(put.json()).toMatchObject({
      title: edit.title,
      paragraphs: ['Paragraf satu.', 'Paragraf <b>dua</b>.'],
      edited: true,
    });
    const docx = await get(`/api/v1/events/${DEMO_SLUG}/berita/docx?lang=id`);
    expect(docx.headers['content-disposition']).toContain(`berita-${DEMO_SLUG}-id.docx`);
    const zip = await JSZip.loadAsync(docx.rawPayload);
    const xml = await zip.file('word/document.xml')!.async('string');
    expect(xml).toContain('Paragraf &lt;b&gt;dua&lt;/b&gt;.');
    expect(xml).toContain('jarak pada setiap bangku');
    expect(Object.keys(zip.files).filter((f) => f.startsWith('word/media/'))).toHaveLength(4);
    const page = await get(`/console/events/${DEMO_SLUG}/berita?lang=id`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Paragraf &lt;b');
    expect(page.body).not.toContain('<b>dua');
    const bad = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${DEMO_SLUG}/berita`,
      token,
      payload: { lang: 'id', edit: { title: '', body: '' } },
    });
    expect(bad.statusCode).toBe(400);
    const reset = await t.inject({
      method: 'PUT',
      url: `/api/v1/events/${DEMO_SLUG}/berita`,
      token,
      payload: { lang: 'id', edit: null },
    });
    expect(reset.json()).toMatchObject({ title: SEED_TITLE, edited: false });
    const moderatorToken = await t.tokenFor('moderator');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/berita`, token: moderatorToken }))
        .statusCode,
    ).toBe(403);
    expect((await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/berita` })).statusCode).toBe(
      401,
    );
  });

  it('names a moderator as moderator, officials as giving remarks, and no health protocol unless ticked', async () => {
    const e = (
      await t.inject({
        method: 'POST',
        url: '/api/v1/events',
        token,
        payload: {
          title: 'Seminar Nasional Ekonomi Digital 2026',
          startsAt: '2026-03-05T09:00:00+07:00',
          endsAt: '2026-03-05T12:00:00+07:00',
          venue: { name: 'Aula FISIP' },
          online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/1' },
        },
      })
    ).json();
    const person = async (name: string, role: string) =>
      (
        await t.inject({
          method: 'POST',
          url: `/api/v1/events/${e.id}/people`,
          token,
          payload: { name, role, presence: 'onsite' },
        })
      ).json().id;
    const rektor = await person('Budi Rektor', 'official');
    const sp = await person('Siti Pemateri', 'speaker');
    const mod = await person('Maya Moderator', 'moderator');
    for (const [startsAt, kind, title, personIds] of [
      ['2026-03-05T09:00:00+07:00', 'remarks', 'Sambutan Rektor', [rektor]],
      ['2026-03-05T09:30:00+07:00', 'talk', 'Ekonomi digital desa', [mod, sp]],
    ] as const) {
      const r = await t.inject({
        method: 'POST',
        url: `/api/v1/events/${e.id}/agenda`,
        token,
        payload: { startsAt, kind, title, personIds },
      });
      expect(r.statusCode, r.body).toBe(201);
    }
    const a = (await get(`/api/v1/events/${e.id}/berita?lang=id`)).json();
    const body = a.paragraphs.join('\n');
    expect(a.title).toBe('Seminar Nasional Ekonomi Digital 2026');
    expect(body).toContain('dibuka dengan sambutan oleh Budi Rektor');
    expect(body).toContain('Diskusi dipandu oleh Maya Moderator selaku moderator');
    expect(body).toContain('Siti Pemateri selaku pemateri pertama');
    expect(body).not.toMatch(/Maya Moderator (dan|selaku pemateri)/);
    expect(body).not.toContain('protokol kesehatan');
  });

  it('packs the SPJ: report PDF and DOCX, every daftar hadir, photos, certificate list, evaluation summary', async () => {
    const r = await get(`/api/v1/events/${DEMO_SLUG}/spj.zip`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toBe('application/zip');
    expect(r.headers['content-disposition']).toContain(`spj-${DEMO_SLUG}-draf.zip`);
    const zip = await JSZip.loadAsync(r.rawPayload);
    const names = Object.keys(zip.files).filter((f) => !zip.files[f]!.dir);
    expect(names).toContain(`01-laporan/laporan-kegiatan-${DEMO_SLUG}.pdf`);
    expect(names).toContain(`01-laporan/laporan-kegiatan-${DEMO_SLUG}.docx`);
    for (const list of ['luring-semua', 'luring-hadir', 'daring', 'narasumber', 'panitia'])
      for (const ext of ['pdf', 'xlsx'])
        expect(names).toContain(`02-daftar-hadir/daftar-hadir-${list}-${DEMO_SLUG}.${ext}`);
    expect(names.filter((n) => n.startsWith('03-dokumentasi/') && n.endsWith('.jpg'))).toHaveLength(4);
    expect(names).toContain('04-sertifikat/daftar-sertifikat.xlsx');
    expect(names).toContain('05-evaluasi/ringkasan-evaluasi.xlsx');
    const isi = await zip.file('00-isi.txt')!.async('string');
    expect(isi).toContain('PAKET SPJ');
    expect(isi).toContain('Sertifikat yang diterbitkan (103)');
    expect(isi).toContain('Ringkasan evaluasi (78 responden)');
    const report = await pdfText(
      await zip.file(`01-laporan/laporan-kegiatan-${DEMO_SLUG}.pdf`)!.async('uint8array'),
    );
    expect(report).toContain('LAPORAN KEGIATAN');
    const hall = await pdfText(
      await zip.file(`02-daftar-hadir/daftar-hadir-luring-hadir-${DEMO_SLUG}.pdf`)!.async('uint8array'),
    );
    expect(hall).toContain('Jumlah: 52 orang');
    expect(hall).toContain('Mengetahui,');
    expect(hall).toContain('NIDN. 0000000000');
    // Finalized, the pack carries the final version and says so.
    expect(
      (await t.inject({ method: 'POST', url: `/api/v1/events/${DEMO_SLUG}/report/final`, token })).statusCode,
    ).toBe(201);
    const fin = await get(`/api/v1/events/${DEMO_SLUG}/spj.zip`);
    expect(fin.headers['content-disposition']).toContain(`spj-${DEMO_SLUG}-v1.zip`);
    const finZip = await JSZip.loadAsync(fin.rawPayload);
    expect(Object.keys(finZip.files)).toContain(`01-laporan/laporan-kegiatan-${DEMO_SLUG}-v1.pdf`);
    await t.inject({ method: 'POST', url: `/api/v1/events/${DEMO_SLUG}/report/reopen`, token });
    const mod = await t.tokenFor('moderator');
    expect(
      (await t.inject({ method: 'GET', url: `/api/v1/events/${DEMO_SLUG}/spj.zip`, token: mod })).statusCode,
    ).toBe(403);
  });

  it('names a rundown item’s kind only where its title does not already say it, in every format', async () => {
    const pdf = (
      await pdfText((await get(`/api/v1/events/${DEMO_SLUG}/report?format=pdf&lang=id`)).rawPayload)
    ).replace(/\s+/g, ' ');
    const docx = await JSZip.loadAsync(
      (await get(`/api/v1/events/${DEMO_SLUG}/report?format=docx&lang=id`)).rawPayload,
    );
    const xml = (await docx.file('word/document.xml')!.async('string')).replace(/<[^>]+>/g, '');
    const html = (await get(`/api/v1/events/${DEMO_SLUG}/report?format=html&lang=id`)).body;
    const md = (await get(`/api/v1/events/${DEMO_SLUG}/report?format=md&lang=id`)).body;
    for (const [format, text] of Object.entries({ pdf, docx: xml, html, md })) {
      expect(text, format).not.toContain('Pembukaan (Pembukaan)');
      expect(text, format).not.toContain('(Penutupan)');
      expect(text, format).not.toContain('(Tanya jawab)');
      expect(text, format).not.toContain('(Sambutan)');
      expect(text, format).toContain('Penutup: kutipan inspirasional dari para pemateri');
    }
    // In English the Indonesian titles do not say the kind: it still follows them.
    const en = (await get(`/api/v1/events/${DEMO_SLUG}/report?format=md&lang=en`)).body;
    expect(en).toContain('Penutup: kutipan inspirasional dari para pemateri (Closing)');
  });
});
