import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../../errors.js';
import { writeNeedsCaller } from '../../http/anonymous-writes.js';
import type { AuthUser, GlobalRole } from '../../http/types.js';
import { pickLocale } from '../../i18n/index.js';
import { SESSION_COOKIE } from './auth.session.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** A cookie-session request whose CSRF token was missing or wrong: it acts as anonymous. */
    csrfFailed: boolean;
  }
}

const UNSAFE = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** One field of a not yet validated query or body (hooks run before the route's schema). */
function field(input: unknown, key: string): unknown {
  return input && typeof input === 'object' ? (input as Record<string, unknown>)[key] : undefined;
}

/**
 * Resolves the locale and the caller on every request. Cookie sessions must prove the CSRF token
 * (header `x-csrf-token` or form field `_csrf`) on unsafe methods; without it the request is
 * treated as anonymous, so a forged cross-site form can never act as the user.
 */
export const authPlugin = fp(async (app: FastifyInstance) => {
  app.decorateRequest('locale', 'id');
  app.decorateRequest('user', null);
  app.decorateRequest('csrfFailed', false);
  const auth = app.ctx.services.auth;

  app.addHook('onRequest', async (req) => {
    req.locale = pickLocale(field(req.query, 'lang'), req.cookies.lang, req.headers['accept-language']);
    const bearer = req.headers.authorization;
    if (bearer?.startsWith('Bearer ')) {
      const row = await auth.resolveApiToken(bearer.slice(7).trim());
      if (!row) throw errors.unauthenticated();
      req.user = { id: row.id, email: row.email, name: row.name, role: row.role, via: 'token', csrf: null };
      return;
    }
    const token = req.cookies[SESSION_COOKIE];
    if (token) {
      const row = await auth.resolveSession(token);
      if (row) {
        req.user = {
          id: row.id,
          email: row.email,
          name: row.name,
          role: row.role,
          via: 'session',
          csrf: row.csrf_token,
        };
      }
    }
    // Authentication before validation: a stranger's write is refused before its body is read.
    if (!req.user && writeNeedsCaller(req.method, req.routeOptions.url)) throw errors.unauthenticated();
  });

  app.addHook('preValidation', async (req) => {
    if (req.user?.via !== 'session' || !UNSAFE.has(req.method)) return;
    const given = req.headers['x-csrf-token'] ?? field(req.body, '_csrf');
    if (!auth.csrfMatches(req.user.csrf, given)) {
      req.csrfFailed = true;
      req.user = null;
    }
  });
});

export function requireUser(req: FastifyRequest): AuthUser {
  if (!req.user) throw req.csrfFailed ? errors.csrf() : errors.unauthenticated();
  return req.user;
}

export function requireRole(req: FastifyRequest, ...roles: GlobalRole[]): AuthUser {
  const user = requireUser(req);
  if (user.role !== 'admin' && !roles.includes(user.role)) throw errors.forbidden();
  return user;
}
