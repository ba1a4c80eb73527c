import type { FastifyInstance, FastifyRequest } from 'fastify';
import { errors } from '../../../errors.js';

/**
 * Per address: generous, because a whole hall on one Wi-Fi or a carrier's NAT shares one address —
 * 500 people registering within the same minute must all get through. Per phone/e-mail: tight, which
 * is what actually stops a script hammering one identity.
 */
export const registerRateLimit = { max: 1200, timeWindow: '1 minute' };
const perContactLimit = { max: 8, timeWindow: '10 minutes' };

/** The phone or e-mail of a sign-up body (JSON or form), before validation: the key of the second limit. */
function contactKey(req: FastifyRequest): string | null {
  const body: unknown = req.body;
  if (!body || typeof body !== 'object') return null;
  const { phone, email } = body as Record<string, unknown>;
  const raw = [phone, email].find((v) => typeof v === 'string' && v.trim());
  return typeof raw === 'string' ? `reg:${raw.replace(/[^\w@.+]/g, '').toLowerCase()}` : null;
}

export type ContactLimiter = (req: FastifyRequest) => Promise<void>;

/**
 * A second limit on the sign-up routes (API and form): the plugin runs one limiter per request, so this one
 * is checked by hand. Built once so the API and the form share the count.
 */
export function createContactLimiter(app: FastifyInstance): ContactLimiter {
  const checkContact = app.createRateLimit({
    ...perContactLimit,
    keyGenerator: (req) => contactKey(req) ?? 'none',
    allowList: (req) => contactKey(req) === null,
  });
  return async (req) => {
    const r = await checkContact(req);
    if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(r.ttlInSeconds);
  };
}
