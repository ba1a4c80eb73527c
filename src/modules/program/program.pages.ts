import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors } from '../../errors.js';
import { routeParams } from '../../http/params.js';
import { loadEventFor } from '../events/index.js';
import { joinKeyValid } from './program.links.js';

/**
 * A remote official's or speaker's personal join link: recorded like a ticket's join (their presence
 * in the daftar hadir and the people list comes from it), then on to the meeting.
 */
export const programPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const program = app.ctx.services.program;
  app.get(
    '/e/:slug/people/:pid/join',
    {
      schema: {
        hide: true,
        params: routeParams('slug', 'pid'),
        querystring: z.object({ k: z.string().max(200).default('') }),
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.slug, 'view');
      if (!joinKeyValid(app, event.id, req.params.pid, req.query.k)) throw errors.forbidden();
      if (!event.online_join_url) throw errors.noOnlineRoom();
      await program.recordPresence(event, req.params.pid, 'online');
      return reply.redirect(event.online_join_url, 302);
    },
  );
};
