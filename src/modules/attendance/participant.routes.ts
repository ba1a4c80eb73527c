import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { asPage } from '../../web/page.js';
import { TicketCode } from './attendance.schemas.js';
import { createOnlineService } from './online.service.js';

const TicketParams = z.object({ code: TicketCode });

/** The participant's side, reached from the ticket: the personal join link. */
export const participantRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const online = createOnlineService(app.ctx);

  app.get(
    '/t/:code/join',
    {
      schema: { hide: true, params: TicketParams },
      config: { rateLimit: { max: 600, timeWindow: '1 minute' } },
    },
    async (req, reply) => {
      asPage(req);
      const { url } = await online.join(req.params.code);
      reply.header('cache-control', 'no-store');
      return reply.redirect(url, 302);
    },
  );
};
