import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../../errors.js';
import { parseOrThrow } from '../../../http/validation.js';
import { requireUser } from '../../auth/index.js';
import { IdParams, loadEventFor } from '../../events/index.js';
import { ImportJsonBody, ResolveRowBody } from '../attendance.schemas.js';

const tags = ['attendance'];
const ImportParams = IdParams.extend({ importId: z.string().max(40) });

/** After the event, for organizers: meeting-report imports with their review. */
export const importsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const imports = app.ctx.services.imports;

  app.post(
    '/api/v1/events/:id/attendance/imports',
    {
      schema: {
        tags,
        summary: 'Import a Zoom or Google Meet participant report (CSV, JSON `{csv}` or a multipart file)',
        description:
          'Rows are matched to registrations by e-mail, then by name; unmatched rows wait for review.',
        params: IdParams,
      },
      bodyLimit: 6 * 1024 * 1024,
    },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      let csv: string;
      let filename: string | null = null;
      if (req.isMultipart()) {
        const file = await req.file();
        if (!file)
          throw errors.validation({
            id: 'Pilih berkas CSV laporan peserta.',
            en: 'Choose the participant report CSV file.',
          });
        csv = (await file.toBuffer()).toString('utf8');
        filename = file.filename.slice(0, 200);
      } else {
        const body = parseOrThrow(ImportJsonBody, req.body);
        csv = body.csv;
        filename = body.filename ?? null;
      }
      return reply.status(201).send(await imports.importReport(event, csv, filename, user));
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/imports',
    { schema: { tags, summary: 'Imported meeting reports', params: IdParams } },
    async (req) => {
      requireUser(req);
      return { imports: await imports.list(await loadEventFor(req, db, req.params.id, 'organize')) };
    },
  );

  app.get(
    '/api/v1/events/:id/attendance/imports/:importId',
    { schema: { tags, summary: 'One import with its matched and unmatched rows', params: ImportParams } },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return imports.present(event, req.params.importId);
    },
  );

  app.post(
    '/api/v1/events/:id/attendance/imports/:importId/rows/:rowId',
    {
      schema: {
        tags,
        summary: 'Review an imported row: assign it to a registration, or ignore it (null)',
        params: ImportParams.extend({ rowId: z.string().max(40) }),
        body: ResolveRowBody,
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return imports.resolveRow(event, req.params.importId, req.params.rowId, req.body.registrationId, user);
    },
  );
};
