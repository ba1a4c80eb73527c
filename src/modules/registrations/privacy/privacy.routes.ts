import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../../errors.js';
import { bilingual } from '../../../http/validation.js';
import { presentTicket } from '../registrations.presenter.js';
import { TicketParams } from '../registrations.schemas.js';

const tags = ['registrations'];

const EraseInput = z.object({ confirm: z.boolean().optional() }).refine((b) => b.confirm === true, {
  path: ['confirm'],
  message: bilingual({
    id: 'kirim "confirm": true untuk menghapus data Anda',
    en: 'send "confirm": true to delete your data',
  }),
});

/** The participant's UU PDP rights over the API (the ticket page offers the same). */
export const privacyApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const regs = app.ctx.services.registrations;
  const { config } = app.ctx;
  const privacy = app.ctx.services.privacy;

  const load = async (code: string) => {
    const r = await regs.findByTicketCode(code);
    if (!r) throw errors.notFound(what.ticket);
    return r;
  };

  app.get(
    '/api/v1/tickets/:ticketCode/data',
    {
      schema: {
        tags,
        summary: 'Everything stored about me for this registration (UU PDP right of access), as JSON',
        params: TicketParams,
      },
    },
    async (req, reply) => {
      reply.header('cache-control', 'no-store');
      return privacy.myData(await load(req.params.ticketCode));
    },
  );

  app.post(
    '/api/v1/tickets/:ticketCode/erase',
    {
      schema: {
        tags,
        summary:
          'Delete my data: cancels an active registration before the event ends (waitlist promoted), then erases the personal fields',
        params: TicketParams,
        body: EraseInput,
        response: { 200: z.object({ status: z.string(), mode: z.string(), erased: z.literal(true) }) },
      },
    },
    async (req) => {
      const r = await privacy.erase(await load(req.params.ticketCode));
      const t = presentTicket(config, r);
      return { status: t.status, mode: t.mode, erased: true as const };
    },
  );
};
