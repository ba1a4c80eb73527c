import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, loadEventFor } from '../../events/index.js';
import { ImportOut, runImport } from './import.service.js';
import { fileFrom } from './import.upload.js';

/** The import over the API (the console's import form goes through `runImport` too). */
export const importApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const regs = app.ctx.services.registrations;
  const { db } = app.ctx;
  app.post(
    '/api/v1/events/:id/registrations/import',
    {
      schema: {
        tags: ['registrations'],
        summary:
          'Import participants from CSV/XLSX (multipart: file, dryRun, consent, mode). A dry run previews per-row errors; a real run writes nothing unless every row is valid.',
        params: IdParams,
        consumes: ['multipart/form-data'],
        response: { 200: ImportOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { data, fields, filename } = await fileFrom(req);
      const mode = fields.mode === 'onsite' || fields.mode === 'online' ? fields.mode : null;
      return runImport(
        regs,
        event,
        { data, filename },
        {
          dryRun: fields.dryRun === '1' || fields.dryRun === 'true',
          consent: fields.consent === '1' || fields.consent === 'true' || fields.consent === 'yes',
          mode,
          locale: req.locale,
        },
      );
    },
  );
};
