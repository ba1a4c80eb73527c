import type { FastifyReply, FastifyRequest } from 'fastify';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';

export const SESSION_COOKIE = 'aula_session';

/**
 * Logs the user in on this browser: a new session and its cookie. The one place that knows the
 * cookie's options (httpOnly, SameSite=Lax, Secure behind HTTPS, the session's lifetime).
 */
export async function startSession(reply: FastifyReply, userId: string): Promise<{ csrf: string }> {
  const { config, services } = reply.server.ctx;
  const s = await services.auth.createSession(userId);
  reply.setCookie(SESSION_COOKIE, s.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: config.secureCookies,
    maxAge: s.maxAge,
  });
  return { csrf: s.csrf };
}

/** Logs out on this browser: the session ends in the database and its cookie is dropped. */
export async function endSession(req: FastifyRequest, reply: FastifyReply): Promise<void> {
  const token = req.cookies[SESSION_COOKIE];
  if (token) await req.server.ctx.services.auth.endSession(token);
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
}

/**
 * Forms with files: the auth plugin checks the CSRF token before the multipart body is read, so a
 * cookie session arrives as anonymous. Once the body is read, its `_csrf` field is checked against
 * the session here and the request gets its user back.
 */
export async function adoptSessionFromForm(req: FastifyRequest, csrf: string | undefined): Promise<AuthUser> {
  if (req.user) return req.user;
  const auth = req.server.ctx.services.auth;
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await auth.resolveSession(token) : undefined;
  if (!session) throw errors.unauthenticated();
  if (!auth.csrfMatches(session.csrf_token, csrf)) throw errors.csrf();
  const user: AuthUser = {
    id: session.id,
    email: session.email,
    name: session.name,
    role: session.role,
    via: 'session',
    csrf: session.csrf_token,
  };
  req.user = user;
  req.csrfFailed = false;
  return user;
}

/** Whether the browser sent a session cookie at all (an upload without one is refused before it is read). */
export const hasSessionCookie = (req: FastifyRequest): boolean => Boolean(req.cookies[SESSION_COOKIE]);
