import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { AppError } from '../../errors.js';

/** The password of `Authorization: Basic …` (Prometheus' basic_auth; the user name is ignored). */
function basicPassword(req: FastifyRequest): string | null {
  const h = req.headers.authorization;
  if (!h?.startsWith('Basic ')) return null;
  const decoded = Buffer.from(h.slice(6).trim(), 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  return colon < 0 ? null : decoded.slice(colon + 1);
}

/**
 * Operations: request timing for /metrics on every route (hence fastify-plugin: the hook is the root's),
 * `/metrics` for an admin or the METRICS_TOKEN, and the readiness probe for load balancers.
 */
export const opsModule = fp(async (app: FastifyInstance) => {
  const ops = app.ctx.services.ops;

  app.addHook('onResponse', async (req, reply) => {
    ops.observeRequest(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });

  // Plain-text refusals for a scraper (not the sign-in redirect a page outside /api/ would get).
  const refuse = (reply: FastifyReply, code: 401 | 404) =>
    code === 401
      ? reply.code(401).header('www-authenticate', 'Basic realm="aula metrics"').send('Unauthorized\n')
      : reply.code(404).send('Not found\n');

  app.get(
    '/metrics',
    {
      schema: { hide: true },
      // An unknown bearer token fails in the auth hook: a scraper gets 401, not the sign-in page.
      errorHandler: (err, _req, reply) => {
        if (err instanceof AppError && err.status === 401) return refuse(reply, 401);
        throw err;
      },
    },
    async (req, reply) => {
      const password = basicPassword(req);
      if (password !== null) {
        if (!ops.isMetricsToken(password)) return refuse(reply, 401);
      } else {
        if (!req.user) return refuse(reply, 401);
        // A signed-in non-admin learns nothing, not even that the page exists.
        if (req.user.role !== 'admin') return refuse(reply, 404);
      }
      reply.header('content-type', ops.metricsContentType).header('cache-control', 'no-store');
      return ops.metrics();
    },
  );

  // Liveness stays /api/health (the process answers); readiness: its database and Redis answer too.
  app.get('/api/health/ready', { schema: { hide: true } }, async (_req, reply) => {
    const r = await ops.ready();
    reply.code(r.ok ? 200 : 503).header('cache-control', 'no-store');
    return { status: r.ok ? 'ok' : 'unavailable', database: r.database, redis: r.redis };
  });
});
