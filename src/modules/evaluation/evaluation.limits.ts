import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors } from '../../errors.js';

const TicketInPath = z.object({ code: z.string() });

/**
 * A hall of 300 on one Wi-Fi (or a carrier's NAT) sends its evaluations from one address within a minute:
 * the per-address limit only stops a flood of guessed ticket codes, far above what a hall sends.
 */
export const EVALUATION_PER_ADDRESS = { max: 3000, timeWindow: '1 minute' };

/** Per ticket: a person sends the form once; a few retries after a missing answer are plenty. */
const PER_TICKET = { max: 10, timeWindow: '1 minute' };

/**
 * The per-ticket limit (the route's `:code`), checked in the handler rather than by the plugin's hook, so a
 * refusal comes back as the form with what was typed. Built once per plugin at registration.
 */
export function ticketLimiter(app: FastifyInstance) {
  const check = app.createRateLimit({
    ...PER_TICKET,
    keyGenerator: (req) => {
      const p = TicketInPath.safeParse(req.params);
      return p.success ? `eval:${p.data.code}` : `eval-ip:${req.ip}`;
    },
  });
  return async (req: FastifyRequest) => {
    const r = await check(req);
    if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(r.ttlInSeconds);
  };
}
