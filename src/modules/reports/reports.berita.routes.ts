import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { beritaText } from './reports.berita.js';
import { beritaDocx } from './reports.produce.js';
import { BeritaEdit, ReportQuery } from './reports.schemas.js';

const tags = ['reports'];
const BeritaQuery = z.object({
  lang: z.enum(['id', 'en']).default('id'),
  version: ReportQuery.shape.version,
});
const BeritaOut = z.object({
  title: z.string(),
  paragraphs: z.array(z.string()),
  photos: z.array(z.object({ url: z.string(), caption: z.string() })),
  text: z.string(),
  edited: z.boolean(),
});

/** The news article (berita): read, download as DOCX, edit and reset, per language. */
export const beritaRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const uploads = join(config.dataDir, 'uploads');
  const reports = app.ctx.services.reports;

  app.get(
    '/api/v1/events/:id/berita',
    {
      schema: {
        tags,
        summary:
          'The news article (berita) in Indonesian or English: the organizer’s edit when saved, else the draft from the recorded data (a final version’s data when the report is final)',
        params: IdParam,
        querystring: BeritaQuery,
        response: { 200: BeritaOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const a = await reports.berita(event, req.query.lang, req.query.version);
      return {
        title: a.title,
        paragraphs: a.paragraphs,
        photos: a.photos.map((p) => ({ url: `/uploads/${p.path}`, caption: p.caption })),
        text: beritaText(a),
        edited: a.edited,
      };
    },
  );

  app.get(
    '/api/v1/events/:id/berita/docx',
    {
      schema: {
        tags,
        summary: 'The news article as a Word document, with the documentation photos and their captions',
        params: IdParam,
        querystring: BeritaQuery,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const a = await reports.berita(event, req.query.lang, req.query.version);
      return reply
        .type('application/vnd.openxmlformats-officedocument.wordprocessingml.document')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="berita-${event.slug}-${req.query.lang}.docx"`)
        .send(await beritaDocx(a, uploads));
    },
  );

  app.put(
    '/api/v1/events/:id/berita',
    {
      schema: {
        tags,
        summary:
          'Save the organizer’s edit of the article in one language (`edit: null` goes back to the generated draft); refused while the report is final',
        params: IdParam,
        body: z.object({ lang: z.enum(['id', 'en']), edit: BeritaEdit.nullable() }).strict(),
        response: { 200: BeritaOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await reports.saveBerita(event, req.body.lang, req.body.edit, requireUser(req));
      const a = await reports.berita(event, req.body.lang);
      return {
        title: a.title,
        paragraphs: a.paragraphs,
        photos: a.photos.map((p) => ({ url: `/uploads/${p.path}`, caption: p.caption })),
        text: beritaText(a),
        edited: a.edited,
      };
    },
  );
};
