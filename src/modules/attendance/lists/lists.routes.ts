import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.js';
import { loadEventFor } from '../../events/index.js';
import { ListParams, ListQuery } from '../attendance.schemas.js';
import { buildList, listFilename, listPdf, listXlsx } from './lists.js';

const tags = ['attendance'];

/** After the event, for organizers: the daftar hadir files. */
export const listsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;

  app.get(
    '/api/v1/events/:id/attendance/lists/:list',
    {
      schema: {
        tags,
        summary: 'Daftar hadir (hall, online, speakers, committee) as PDF or XLSX',
        params: ListParams,
        querystring: ListQuery,
      },
    },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await buildList(db, event, req.params.list, req.query.only ?? 'all');
      const format = req.query.format;
      const body = format === 'pdf' ? Buffer.from(await listPdf(list)) : await listXlsx(list);
      return reply
        .type(
          format === 'pdf'
            ? 'application/pdf'
            : 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
        )
        .header('content-disposition', `attachment; filename="${listFilename(list, format)}"`)
        .header('cache-control', 'no-store')
        .send(body);
    },
  );
};
