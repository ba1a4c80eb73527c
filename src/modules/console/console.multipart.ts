import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { authService, SESSION_COOKIE } from '../auth/auth.service.js';
import { type ImageUpload, readImageUpload } from '../uploads/index.js';

/**
 * A file upload from a console form. The auth plugin checks the CSRF token before the multipart body
 * is read, so a cookie session arrives here as anonymous; the token travels as the `_csrf` form
 * field, and is checked here against the session once the body has been read.
 */
export async function uploadFromForm(
  req: FastifyRequest,
  db: Db,
): Promise<{ user: AuthUser; upload: ImageUpload }> {
  if (req.user) return { user: req.user, upload: await readImageUpload(req) };
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await authService.resolveSession(db, token) : undefined;
  if (!session) throw errors.unauthenticated();
  const upload = await readImageUpload(req);
  if (!authService.csrfMatches(session.csrf_token, upload.fields._csrf)) throw errors.csrf();
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
  return { user, upload };
}
