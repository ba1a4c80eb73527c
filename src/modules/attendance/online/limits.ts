import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../../errors.js';

/**
 * A hall of 300 on one Wi-Fi (or a carrier's NAT) types the announced code within the same minute from one
 * address: the per-address limit only stops a flood of guessed tickets, far above what a hall sends.
 */
export const CODE_PER_ADDRESS = { max: 3000, timeWindow: '1 minute' };

/** Per ticket: a person types a code or two a minute; a script guessing codes for one ticket stops here. */
const PER_TICKET = { max: 20, timeWindow: '1 minute' };

const PathTicket = z.object({ code: z.string() });
const BodyTicket = z.object({ ticketCode: z.string().trim().min(1) });

/** The ticket a code entry is for: the `/t/:code/…` path, else the `ticketCode` of the body (form or JSON). */
function ticketOf(req: FastifyRequest): string {
  const path = PathTicket.safeParse(req.params);
  if (path.success) return path.data.code.toLowerCase();
  const body = BodyTicket.safeParse(req.body);
  return body.success ? body.data.ticketCode.toLowerCase() : `ip:${req.ip}`;
}

/**
 * The per-ticket limit, checked in the handler (the body is parsed by then) rather than by the plugin's hook,
 * so a refusal comes back on the participant's page with what they typed.
 */
export function codeEntryLimiter(app: FastifyInstance) {
  const check = app.createRateLimit({ ...PER_TICKET, keyGenerator: (req) => `presensi:${ticketOf(req)}` });
  return async (req: FastifyRequest) => {
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(r.ttlInSeconds);
  };
}
