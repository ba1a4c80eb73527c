import type { FastifyRequest } from 'fastify';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { adoptSessionFromForm, hasSessionCookie } from '../auth/index.js';
import { type ImageUpload, readImageUpload } from '../uploads/index.js';

/** A single image upload from a console form; an anonymous caller is refused before the body is read. */
export async function uploadFromForm(req: FastifyRequest): Promise<{ user: AuthUser; upload: ImageUpload }> {
  if (req.user) return { user: req.user, upload: await readImageUpload(req) };
  if (!hasSessionCookie(req)) throw errors.unauthenticated();
  const upload = await readImageUpload(req);
  return { user: await adoptSessionFromForm(req, upload.fields._csrf), upload };
}
