import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, routeParams } from '../../../http/params.js';
import { ConsoleListQuery, consoleViews } from './console.views.js';

/** The organizer's registrations pages: the list with its tools (add, import) and one registration to edit. */
export const consolePages: FastifyPluginAsync = async (plain) => {
  const pages = plain.withTypeProvider<ZodTypeProvider>();
  const { load, loadReg, listPage, editPage } = consoleViews(pages.ctx, pages.ctx.services.registrations);

  pages.get(
    '/console/events/:id/registrations',
    { schema: { hide: true, params: IdParam, querystring: ConsoleListQuery } },
    async (req, reply) => listPage(req, reply, await load(req, req.params.id), { query: req.query }),
  );

  pages.get(
    '/console/events/:id/registrations/:regId',
    { schema: { hide: true, params: routeParams('id', 'regId') } },
    async (req, reply) => {
      const { event, r } = await loadReg(req, req.params);
      return editPage(req, reply, event, r);
    },
  );
};
