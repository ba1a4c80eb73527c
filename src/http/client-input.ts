import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { errors } from '../errors.js';

/** How deep a body is walked for NUL characters; deeper bodies are refused by their schemas anyway. */
const MAX_DEPTH = 12;

function hasNul(value: unknown, depth = 0): boolean {
  if (typeof value === 'string') return value.includes('\0');
  if (depth > MAX_DEPTH || !value || typeof value !== 'object') return false;
  if (Buffer.isBuffer(value)) return false;
  if (Array.isArray(value)) return value.some((v) => hasNul(v, depth + 1));
  for (const [k, v] of Object.entries(value)) if (k.includes('\0') || hasNul(v, depth + 1)) return true;
  return false;
}

/**
 * Multipart text fields and file names are read by the route, after the hooks: each reader refuses a
 * NUL there the same way (media, images).
 */
export function refuseNul(...values: (string | undefined)[]): void {
  if (values.some((v) => v?.includes('\0'))) throw errors.nulCharacter();
}

/** `%00` anywhere in the path or query (Fastify decodes both into params and query). */
const NUL_IN_URL = /%00|\0/i;

/** A PATCH carries what changes; `{}` (a form's `_csrf` aside) would reach SQL as an empty `SET`. */
function isEmptyPatch(req: FastifyRequest): boolean {
  if (req.method !== 'PATCH') return false;
  const b = req.body;
  if (b === undefined || b === null) return true;
  return typeof b === 'object' && !Array.isArray(b) && Object.keys(b).every((k) => k === '_csrf');
}

/**
 * Input every route refuses the same way, before it reaches a handler or SQL: PostgreSQL rejects a
 * NUL in text with an error of its own (SQLite stores it silently), so it is refused on both engines
 * in the URL, the cookies (a session lookup) and the parsed body. Registered before the auth plugin,
 * so a session lookup never sees one either.
 */
export const clientInputChecks = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (req) => {
    if (NUL_IN_URL.test(req.url)) throw errors.nulCharacter();
    for (const v of Object.values(req.cookies ?? {})) if (v?.includes('\0')) throw errors.nulCharacter();
  });
  app.addHook('preValidation', async (req) => {
    if (hasNul(req.body)) throw errors.nulCharacter();
  });
  // After validation and the CSRF check: a stranger hears 401 and a malformed body its field list first.
  app.addHook('preHandler', async (req) => {
    if (isEmptyPatch(req)) throw errors.nothingToChange();
  });
});
