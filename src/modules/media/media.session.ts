import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import { authService, SESSION_COOKIE } from '../auth/auth.service.js';

/**
 * Console forms with files: the auth plugin checks the CSRF token before the multipart body is
 * read, so a cookie session arrives as anonymous. Once the body is read, its `_csrf` field is
 * checked against the session here and the request gets its user back.
 */
export async function adoptSessionFromForm(
  req: FastifyRequest,
  db: Db,
  csrf: string | undefined,
): Promise<void> {
  if (req.user) return;
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await authService.resolveSession(db, token) : undefined;
  if (!session) throw errors.unauthenticated();
  if (!authService.csrfMatches(session.csrf_token, csrf)) throw errors.csrf();
  req.user = {
    id: session.id,
    email: session.email,
    name: session.name,
    role: session.role,
    via: 'session',
    csrf: session.csrf_token,
  };
  req.csrfFailed = false;
}
