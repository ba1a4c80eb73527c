import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../../errors.js';
import { presentTicket } from '../registrations.presenter.js';
import { RegistrationOut, TicketParams, WaitlistPosition, waitlistCapped } from '../registrations.schemas.js';

const tags = ['registrations'];

/** The participant's own ticket over the API, by its personal code: read it, cancel it, switch its mode. */
export const ticketsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { config } = app.ctx;
  const regs = app.ctx.services.registrations;

  app.get(
    '/api/v1/tickets/:ticketCode',
    {
      schema: {
        tags,
        summary: 'A ticket by its personal code',
        params: TicketParams,
        response: {
          200: RegistrationOut.extend({
            eventId: z.string(),
            name: z.string(),
            waitlistPosition: WaitlistPosition,
            waitlistPositionCapped: z.boolean(),
          }),
        },
      },
    },
    async (req) => {
      const r = await regs.findByTicketCode(req.params.ticketCode);
      if (!r) throw errors.notFound(what.ticket);
      const position = await regs.waitlistPosition(r);
      return {
        ...presentTicket(config, r),
        eventId: r.event_id,
        name: r.name,
        waitlistPosition: position,
        waitlistPositionCapped: position !== null && waitlistCapped(position),
      };
    },
  );

  app.post(
    '/api/v1/tickets/:ticketCode/cancel',
    {
      schema: {
        tags,
        summary: 'Cancel my registration; the place goes to the first person on the waitlist',
        params: TicketParams,
        response: { 200: RegistrationOut },
      },
    },
    async (req) => presentTicket(config, (await regs.cancel(req.params.ticketCode)).registration),
  );

  app.post(
    '/api/v1/tickets/:ticketCode/mode',
    {
      schema: {
        tags,
        summary: 'Switch my registration to the other mode when it has room',
        params: TicketParams,
        body: z.object({ mode: z.enum(['onsite', 'online']) }),
        response: { 200: RegistrationOut },
      },
    },
    async (req) => presentTicket(config, await regs.switchMode(req.params.ticketCode, req.body.mode)),
  );
};
