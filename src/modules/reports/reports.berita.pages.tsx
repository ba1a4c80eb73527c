import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { BeritaEdit } from './reports.schemas.js';

const T = {
  title: { id: 'Berita kegiatan', en: 'News article' },
  intro: {
    id: 'Draf berita ditulis dari data acara (sambutan, narasumber sesuai susunan acara, moderator, jumlah hadir, pertanyaan, foto). Sunting, salin, atau unduh sebagai DOCX untuk dikirim ke media atau situs mitra.',
    en: 'The draft is written from the event’s data (remarks, speakers in rundown order, moderator, attendance, questions, photos). Edit it, copy it, or download it as DOCX for the media or the partners’ sites.',
  },
  headline: { id: 'Judul', en: 'Headline' },
  body: { id: 'Isi (paragraf dipisah baris kosong)', en: 'Body (paragraphs separated by a blank line)' },
  save: { id: 'Simpan suntingan', en: 'Save edit' },
  reset: { id: 'Kembali ke draf otomatis', en: 'Back to the generated draft' },
  copy: { id: 'Salin teks', en: 'Copy text' },
  copied: { id: 'Tersalin', en: 'Copied' },
  edited: {
    id: 'Ini suntingan Anda; data baru tidak mengubahnya.',
    en: 'This is your edit; new data does not change it.',
  },
  generated: { id: 'Draf otomatis dari data terbaru.', en: 'Generated from the latest data.' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  photos: { id: 'Foto dan keterangan', en: 'Photos and captions' },
  lang: { id: 'Bahasa Indonesia', en: 'English' },
  report: { id: 'Laporan kegiatan', en: 'Activity report' },
};

const Query = z.object({ lang: z.enum(['id', 'en']).default('id'), saved: z.string().optional() });

/** The console's news article page: generate, edit, copy and download, per language. */
export const beritaPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const reports = app.ctx.services.reports;

  app.get(
    '/console/events/:id/berita',
    { schema: { hide: true, params: IdParam, querystring: Query } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const l = req.locale;
      const lang = req.query.lang;
      const a = await reports.berita(event, lang);
      const final = await reports.isFinal(event);
      const action = `/console/events/${event.id}/berita?lang=${lang}`;
      return page(
        req,
        reply,
        { title: `${T.title[l]} · ${event.title}`, nav: 'console', scripts: ['/assets/copy-text.js'] },
        <>
          <p>
            <a href={`/console/events/${event.id}`}>← {event.title}</a> ·{' '}
            <a href={`/console/events/${event.id}/report`}>{T.report[l]}</a>
          </p>
          <h1>{T.title[l]}</h1>
          {req.query.saved ? <Notice kind="ok">{T.saved[l]}</Notice> : null}
          <p class="muted">{T.intro[l]}</p>
          <p class="row">
            {(['id', 'en'] as const).map((x) =>
              x === lang ? (
                <strong>{T.lang[x]}</strong>
              ) : (
                <a href={`/console/events/${event.id}/berita?lang=${x}`}>{T.lang[x]}</a>
              ),
            )}
          </p>
          <p>{a.edited ? T.edited[l] : T.generated[l]}</p>
          <form method="post" action={action} class="card">
            <fieldset disabled={final}>
              <CsrfField req={req} />
              <label for="b-title">{T.headline[l]}</label>
              <input id="b-title" name="title" value={a.title} maxlength={300} required />
              <label for="b-body">{T.body[l]}</label>
              <textarea id="b-body" name="body" rows={22} maxlength={20000} required>
                {a.paragraphs.join('\n\n')}
              </textarea>
              <div class="row">
                <button type="submit">{T.save[l]}</button>
                <button
                  type="button"
                  class="secondary"
                  data-copy="b-title b-body"
                  data-done={T.copied[l]}
                  hidden
                >
                  {T.copy[l]}
                </button>
                <a class="btn secondary" href={`/api/v1/events/${event.id}/berita/docx?lang=${lang}`}>
                  DOCX
                </a>
              </div>
            </fieldset>
          </form>
          {a.edited && !final ? (
            <form method="post" action={`/console/events/${event.id}/berita/reset?lang=${lang}`}>
              <CsrfField req={req} />
              <button type="submit" class="secondary">
                {T.reset[l]}
              </button>
            </form>
          ) : null}
          {a.photos.length ? (
            <>
              <h2>{T.photos[l]}</h2>
              <div class="grid">
                {a.photos.map((p) => (
                  <figure>
                    <img src={`/uploads/${p.path}`} alt={p.caption} loading="lazy" style="max-width:100%" />
                    <figcaption>{p.caption}</figcaption>
                  </figure>
                ))}
              </div>
            </>
          ) : null}
        </>,
      );
    },
  );

  app.post(
    '/console/events/:id/berita',
    { schema: { hide: true, params: IdParam, querystring: Query, body: FormFields } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const f = (k: string) => {
        const v = req.body[k];
        return (Array.isArray(v) ? v[0] : v) ?? '';
      };
      const edit = parseOrThrow(BeritaEdit, { title: f('title'), body: f('body').replace(/\r\n?/g, '\n') });
      await reports.saveBerita(event, req.query.lang, edit, requireUser(req));
      return reply.redirect(`/console/events/${event.id}/berita?lang=${req.query.lang}&saved=1`, 303);
    },
  );

  app.post(
    '/console/events/:id/berita/reset',
    { schema: { hide: true, params: IdParam, querystring: Query } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await reports.saveBerita(event, req.query.lang, null, requireUser(req));
      return reply.redirect(`/console/events/${event.id}/berita?lang=${req.query.lang}&saved=1`, 303);
    },
  );
};
