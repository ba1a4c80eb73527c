import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseOrThrow } from '../../http/validation.js';
import { Notice } from '../../web/layout.js';
import { asPage, CsrfField, page } from '../../web/page.js';
import { requireUser } from '../auth/auth.plugin.js';
import { type EventRow, IdParams, loadEventFor } from '../events/index.js';
import { renderDocx } from './render.docx.js';
import { renderHtml } from './render.html.js';
import { renderMarkdown } from './render.md.js';
import { renderPdf } from './render.pdf.js';
import { berita } from './reports.berita.js';
import { gatherReport } from './reports.data.js';
import { buildReport } from './reports.document.js';
import { reportsRepository as repo } from './reports.repository.js';
import { Narrative, NarrativePatch, ReportQuery } from './reports.schemas.js';

const tags = ['reports'];
const T = {
  title: { id: 'Laporan kegiatan', en: 'Activity report' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
};

export const reportsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const uploads = join(config.dataDir, 'uploads');

  async function produce(event: EventRow, format: (typeof ReportQuery)['_output']['format']) {
    const data = await gatherReport(app.ctx, event);
    const blocks = buildReport(data);
    const name = `laporan-kegiatan-${event.slug}`;
    switch (format) {
      case 'md':
        return { body: renderMarkdown(blocks), type: 'text/markdown; charset=utf-8', file: `${name}.md` };
      case 'html':
        return {
          body: renderHtml(`Laporan Kegiatan — ${event.title}`, blocks, data.narrative.margins),
          type: 'text/html; charset=utf-8',
          file: null,
        };
      case 'docx':
        return {
          body: await renderDocx(blocks, data.narrative.margins, uploads),
          type: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
          file: `${name}.docx`,
        };
      case 'pdf':
        return {
          body: Buffer.from(await renderPdf(blocks, data.narrative.margins, uploads)),
          type: 'application/pdf',
          file: `${name}.pdf`,
        };
    }
  }

  app.get(
    '/api/v1/events/:id/report',
    {
      schema: {
        tags,
        summary:
          'The activity report (laporan kegiatan) as pdf, docx, html or md; its counts are the stats endpoint’s',
        params: IdParams,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await produce(event, req.query.format);
      reply.type(r.type).header('cache-control', 'private, no-store');
      // The HTML report is shown inline with no scripts at all; the rest download as files.
      if (r.file) reply.header('content-disposition', `attachment; filename="${r.file}"`);
      else
        reply.header(
          'content-security-policy',
          "default-src 'none'; img-src 'self'; style-src 'unsafe-inline'",
        );
      return reply.send(r.body);
    },
  );

  app.get(
    '/api/v1/events/:id/berita',
    {
      schema: {
        tags,
        summary: 'The news article draft (berita) in Indonesian or English, from the recorded data',
        params: IdParams,
        querystring: z.object({ lang: z.enum(['id', 'en']).default('id') }),
        response: { 200: z.object({ title: z.string(), paragraphs: z.array(z.string()), text: z.string() }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const a = berita(await gatherReport(app.ctx, event), req.query.lang);
      return { ...a, text: [a.title, '', ...a.paragraphs].join('\n\n') };
    },
  );

  app.get(
    '/api/v1/events/:id/report/narrative',
    {
      schema: {
        tags,
        summary: 'The narrative parts of the report',
        params: IdParams,
        response: { 200: Narrative },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const row = await repo.narrative(db, event.id);
      return Narrative.parse(row ? JSON.parse(row.data) : {});
    },
  );

  app.patch(
    '/api/v1/events/:id/report/narrative',
    {
      schema: {
        tags,
        summary:
          'Edit the narrative parts (background, goals, obstacles, conclusion, suggestions, approvals, margins)',
        params: IdParams,
        body: NarrativePatch,
        response: { 200: Narrative },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const row = await repo.narrative(db, event.id);
      const next = Narrative.parse({ ...(row ? JSON.parse(row.data) : {}), ...req.body });
      await repo.saveNarrative(db, event.id, JSON.stringify(next), requireUser(req).id);
      return next;
    },
  );

  app.ctx.ui.consoleLinks.push({ key: 'report', order: 90, label: T.title, path: '/report' });

  app.get('/console/events/:id/report', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const { id } = parseOrThrow(z.object({ id: z.string().min(1).max(80) }), req.params);
    const event = await loadEventFor(req, db, id, 'organize');
    const row = await repo.narrative(db, event.id);
    const n = Narrative.parse(row ? JSON.parse(row.data) : {});
    const l = req.locale;
    const saved = (req.query as Record<string, string>).saved === '1';
    const field = (name: keyof Narrative, label: string, hint: string) => (
      <>
        <label for={name}>{label}</label>
        <textarea id={name} name={name} rows={5} maxlength={8000} placeholder={hint}>
          {n[name] as string}
        </textarea>
      </>
    );
    const apiBase = `/api/v1/events/${event.id}`;
    return page(
      req,
      reply,
      { title: `${T.title[l]} · ${event.title}`, nav: 'console' },
      <>
        <p>
          <a href={`/console/events/${event.id}`}>← {event.title}</a>
        </p>
        <h1>{T.title[l]}</h1>
        {saved ? <Notice kind="ok">{T.saved[l]}</Notice> : null}
        <div class="row">
          <a class="btn" href={`${apiBase}/report?format=docx`}>
            DOCX (Word)
          </a>
          <a class="btn" href={`${apiBase}/report?format=pdf`}>
            PDF
          </a>
          <a class="btn secondary" href={`${apiBase}/report?format=html`}>
            HTML
          </a>
          <a class="btn secondary" href={`${apiBase}/report?format=md`}>
            Markdown
          </a>
        </div>
        <p class="muted">
          {l === 'id'
            ? 'Angka, susunan acara, pertanyaan, evaluasi, daftar hadir, foto dan sertifikat terisi otomatis. Bagian di bawah ini Anda tulis sendiri; yang kosong diisi teks bawaan.'
            : 'Numbers, rundown, questions, evaluation, attendance lists, photos and certificates are filled in automatically. You write the parts below; empty ones get a default text.'}
        </p>
        <form method="post" action={`/console/events/${event.id}/report`} class="card">
          <CsrfField req={req} />
          {field('background', 'I.A Latar belakang', 'Mengapa kegiatan ini diadakan?')}
          {field('goals', 'I.B Tujuan', 'Apa yang ingin dicapai?')}
          {field('obstacles', 'III Hambatan', 'Kendala saat persiapan dan pelaksanaan')}
          {field('conclusion', 'IV.A Kesimpulan', '')}
          {field('suggestions', 'IV.B Saran', '')}
          <h2>{l === 'id' ? 'Lembar pengesahan' : 'Approval sheet'}</h2>
          {[0, 1].map((i) => (
            <fieldset>
              <legend>{i + 1}</legend>
              <label for={`a${i}label`}>{l === 'id' ? 'Jabatan' : 'Title'}</label>
              <input
                id={`a${i}label`}
                name={`a${i}label`}
                value={n.approvals[i]?.label ?? ''}
                maxlength={80}
              />
              <label for={`a${i}name`}>{l === 'id' ? 'Nama' : 'Name'}</label>
              <input id={`a${i}name`} name={`a${i}name`} value={n.approvals[i]?.name ?? ''} maxlength={150} />
              <label for={`a${i}id`}>NIP/NIDN</label>
              <input id={`a${i}id`} name={`a${i}id`} value={n.approvals[i]?.idNumber ?? ''} maxlength={60} />
            </fieldset>
          ))}
          <button type="submit">{l === 'id' ? 'Simpan' : 'Save'}</button>
        </form>
      </>,
    );
  });

  app.post('/console/events/:id/report', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const { id } = parseOrThrow(z.object({ id: z.string().min(1).max(80) }), req.params);
    const event = await loadEventFor(req, db, id, 'organize');
    const f = parseOrThrow(z.record(z.string(), z.string()), req.body ?? {});
    const row = await repo.narrative(db, event.id);
    const current = Narrative.parse(row ? JSON.parse(row.data) : {});
    const next = parseOrThrow(Narrative, {
      ...current,
      background: f.background ?? current.background,
      goals: f.goals ?? current.goals,
      obstacles: f.obstacles ?? current.obstacles,
      conclusion: f.conclusion ?? current.conclusion,
      suggestions: f.suggestions ?? current.suggestions,
      approvals: [0, 1]
        .filter((i) => (f[`a${i}label`] ?? '').trim())
        .map((i) => ({ label: f[`a${i}label`]!, name: f[`a${i}name`] ?? '', idNumber: f[`a${i}id`] ?? '' })),
    });
    await repo.saveNarrative(db, event.id, JSON.stringify(next), requireUser(req).id);
    return reply.redirect(`/console/events/${event.id}/report?saved=1`, 303);
  });
};
