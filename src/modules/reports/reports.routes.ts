import { join } from 'node:path';
import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../http/params.js';
import { isoInZone } from '../../shared/time.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { produceReport } from './reports.produce.js';
import { Narrative, NarrativePatch, ReportQuery } from './reports.schemas.js';
import type { VersionInfo } from './reports.versions.js';

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

/** The JSON API: the report in every format, the news article, the narrative and the versions. */
export const reportsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const uploads = join(config.dataDir, 'uploads');
  const reports = app.ctx.services.reports;

  app.get(
    '/api/v1/events/:id/report',
    {
      schema: {
        tags,
        summary:
          'The activity report (laporan kegiatan) as pdf, docx, html or md, in Indonesian (default) or English; the current final version when there is one, else the live draft; its counts are the stats endpoint’s',
        params: IdParam,
        querystring: ReportQuery,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const src = await reports.source(event, req.query.version);
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
    '/api/v1/events/:id/spj.zip',
    {
      schema: {
        tags,
        summary:
          'The SPJ pack for the finance office, one ZIP: the report (PDF and DOCX; the current final version, else the draft), every daftar hadir (PDF and XLSX), the documentation photos, the certificate list and the evaluation summary',
        params: IdParam,
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const pack = await reports.spj(event, uploads);
      return reply
        .type('application/zip')
        .header('cache-control', 'private, no-store')
        .header('content-disposition', `attachment; filename="${pack.filename}"`)
        .send(pack.body);
    },
  );

  app.get(
    '/api/v1/events/:id/report/narrative',
    {
      schema: {
        tags,
        summary: 'The narrative parts of the report',
        params: IdParam,
        response: { 200: Narrative },
      },
    },
    async (req) => {
      return reports.narrative(await loadEventFor(req, db, req.params.id, 'organize'));
    },
  );

  app.patch(
    '/api/v1/events/:id/report/narrative',
    {
      schema: {
        tags,
        summary:
          'Edit the narrative parts (background, goals, obstacles, conclusion, suggestions, approvals, margins); refused while the report is final',
        params: IdParam,
        body: NarrativePatch,
        response: { 200: Narrative },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return reports.editNarrative(
        event,
        (current) => Narrative.parse({ ...current, ...req.body }),
        requireUser(req),
      );
    },
  );

  app.get(
    '/api/v1/events/:id/report/versions',
    {
      schema: {
        tags,
        summary: 'Whether the report is a draft or final, and its final versions (newest first)',
        params: IdParam,
        response: { 200: z.object({ status: z.enum(['draft', 'final']), versions: z.array(VersionOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await reports.list(event);
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
        params: IdParam,
        response: { 201: VersionOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const v = await reports.finalize(event, requireUser(req));
      return reply.status(201).send(presentVersion(v, event));
    },
  );

  app.post(
    '/api/v1/events/:id/report/reopen',
    {
      schema: {
        tags,
        summary: 'Reopen the final report as a new draft (the final version stays downloadable)',
        params: IdParam,
        response: { 200: VersionOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return presentVersion(await reports.reopen(event, requireUser(req)), event);
    },
  );
};
