import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.js';
import { loadEventFor } from '../../events/index.js';
import { ListParams, ListQuery } from '../attendance.schemas.js';

const tags = ['attendance'];

/** After the event, for organizers: the daftar hadir files. */
export const listsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const lists = app.ctx.services.lists;

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
      const file = await lists.file(event, req.params.list, req.query.only ?? 'all', req.query.format);
      return reply
        .type(file.type)
        .header('content-disposition', `attachment; filename="${file.filename}"`)
        .header('cache-control', 'no-store')
        .send(file.body);
    },
  );
};
