import type { FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { authService, SESSION_COOKIE } from '../auth/index.js';
import { type ImageUpload, readImageUpload } from '../uploads/index.js';

/**
 * Console forms with files: the auth plugin checks the CSRF token before the multipart body is
 * read, so a cookie session arrives as anonymous. Once the body is read, its `_csrf` field is
 * checked against the session here and the request gets its user back. Media and certificate
 * uploads (several files, their own readers) call this directly.
 */
export async function adoptSessionFromForm(
  req: FastifyRequest,
  db: Db,
  csrf: string | undefined,
): Promise<AuthUser> {
  if (req.user) return req.user;
  const token = req.cookies[SESSION_COOKIE];
  const session = token ? await authService.resolveSession(db, token) : undefined;
  if (!session) throw errors.unauthenticated();
  if (!authService.csrfMatches(session.csrf_token, csrf)) throw errors.csrf();
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

/** A single image upload from a console form; an anonymous caller is refused before the body is read. */
export async function uploadFromForm(
  req: FastifyRequest,
  db: Db,
): Promise<{ user: AuthUser; upload: ImageUpload }> {
  if (req.user) return { user: req.user, upload: await readImageUpload(req) };
  if (!req.cookies[SESSION_COOKIE]) throw errors.unauthenticated();
  const upload = await readImageUpload(req);
  return { user: await adoptSessionFromForm(req, db, upload.fields._csrf), upload };
}
