import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { isoInZone } from '../../shared/time.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, IdParams, loadEventFor } from '../events/index.js';
import { berita } from './reports.berita.js';
import { reportsConsole } from './reports.console.js';
import { produceReport } from './reports.produce.js';
import { reportsRepository as repo } from './reports.repository.js';
import { Narrative, NarrativePatch, ReportQuery } from './reports.schemas.js';
import { createReportVersions, reportIsFinal, type VersionInfo } from './reports.versions.js';

const tags = ['reports'];

const VersionOut = z.object({
  version: z.number(),
  status: z.enum(['final', 'reopened']),
  finalizedAt: z.string(),
  finalizedBy: z.string().nullable(),
  reopenedAt: z.string().nullable(),
  reopenedBy: z.string().nullable(),
});

const presentVersion = (v: VersionInfo, event: EventRow) => ({
  ...v,
  finalizedAt: isoInZone(v.finalizedAt, event.timezone),
  reopenedAt: v.reopenedAt === null ? null : isoInZone(v.reopenedAt, event.timezone),
});

export const reportsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const uploads = join(config.dataDir, 'uploads');
  const versions = createReportVersions(app.ctx);

  app.get(
    '/api/v1/events/:id/report',
    {
      schema: {
        tags,
        summary:
          'The activity report (laporan kegiatan) as pdf, docx, html or md, in Indonesian (default) or English; the current final version when there is one, else the live draft; its counts are the stats endpoint’s',
        params: IdParams,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const src = await versions.source(event, req.query.version);
      const r = await produceReport(src, req.query.format, req.query.lang ?? req.locale, uploads);
      reply
        .type(r.type)
        .header('cache-control', 'private, no-store')
        .header('x-report-version', src.version ? String(src.version.version) : 'draft');
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
        summary:
          'The news article draft (berita) in Indonesian or English, from the recorded data (the current final version’s data when the report is final)',
        params: IdParams,
        querystring: z.object({
          lang: z.enum(['id', 'en']).default('id'),
          version: ReportQuery.shape.version,
        }),
        response: { 200: z.object({ title: z.string(), paragraphs: z.array(z.string()), text: z.string() }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const a = berita((await versions.source(event, req.query.version)).data, req.query.lang);
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
          'Edit the narrative parts (background, goals, obstacles, conclusion, suggestions, approvals, margins); refused while the report is final',
        params: IdParams,
        body: NarrativePatch,
        response: { 200: Narrative },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      if (await versions.isFinal(event)) throw reportIsFinal();
      const row = await repo.narrative(db, event.id);
      const next = Narrative.parse({ ...(row ? JSON.parse(row.data) : {}), ...req.body });
      await repo.saveNarrative(db, event.id, JSON.stringify(next), requireUser(req).id);
      return next;
    },
  );

  app.get(
    '/api/v1/events/:id/report/versions',
    {
      schema: {
        tags,
        summary: 'Whether the report is a draft or final, and its final versions (newest first)',
        params: IdParams,
        response: { 200: z.object({ status: z.enum(['draft', 'final']), versions: z.array(VersionOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await versions.list(event);
      return {
        status: list.some((v) => v.status === 'final') ? ('final' as const) : ('draft' as const),
        versions: list.map((v) => presentVersion(v, event)),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/report/final',
    {
      schema: {
        tags,
        summary:
          'Mark the report final: its numbers, lists and narrative are kept as a new version, with time and who',
        params: IdParams,
        response: { 201: VersionOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const v = await versions.finalize(event, requireUser(req));
      return reply.status(201).send(presentVersion(v, event));
    },
  );

  app.post(
    '/api/v1/events/:id/report/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen the final report as a new draft (the final version stays downloadable)',
        params: IdParams,
        response: { 200: VersionOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return presentVersion(await versions.reopen(event, requireUser(req)), event);
    },
  );

  await app.register(reportsConsole);
};
