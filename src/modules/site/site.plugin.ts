import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { siteEventPages } from './site.event-pages.js';
import { sitePages } from './site.pages.js';
import { LangQuery } from './site.schemas.js';

/** `?lang=` switches the language for the next pages too. */
export function rememberLang(req: FastifyRequest, reply: FastifyReply): void {
  // Most requests carry no ?lang=, and a failed safeParse builds an error object: ~2% of a cached page's CPU.
  const query = req.query;
  if (typeof query !== 'object' || query === null || !('lang' in query)) return;
  const q = LangQuery.safeParse(query);
  if (q.success && req.cookies.lang !== q.data.lang) {
    reply.setCookie('lang', q.data.lang, { path: '/', maxAge: 365 * 86400, sameSite: 'lax', httpOnly: true });
  }
}

/** The public site, the module's root plugin: the home page, organization pages and event pages. */
export const siteModule: FastifyPluginAsync = async (app) => {
  app.addHook('onRequest', async (req, reply) => {
    rememberLang(req, reply);
  });
  await sitePages(app);
  await siteEventPages(app);
};
