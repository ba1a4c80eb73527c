import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParams, loadEventFor } from '../events/index.js';
import { StatsOut, statsService } from './stats.service.js';

export const statsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
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
    async (req) => statsService.forEvent(db, await loadEventFor(req, db, req.params.id, 'checkin')),
  );
};
