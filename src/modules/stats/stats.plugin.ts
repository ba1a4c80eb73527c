import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, loadEventFor } from '../events/index.js';
import { StatsOut } from './stats.service.js';

/** The stats module's root: one API route, the numbers of an event. */
export const statsPlugin: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const stats = app.ctx.services.stats;
  app.get(
    '/api/v1/events/:id/stats',
    {
      schema: {
        tags: ['stats'],
        summary: 'Registrations, attendance and questions, per mode (the numbers of the report)',
        params: IdParams,
        response: { 200: StatsOut },
      },
    },
    async (req) => stats.forEvent(await loadEventFor(req, db, req.params.id, 'checkin')),
  );
};
