import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { IdParams, loadEventFor } from '../events/index.js';
import { type ContactLimiter, registerRateLimit } from './register/rate-limit.js';
import { toCsv, toXlsx } from './registrations.export.js';
import { presentAdmin, presentTicket } from './registrations.presenter.js';
import {
  ListQuery,
  RegisterInput,
  RegistrationAdminOut,
  RegistrationOut,
  RegParams,
  UpdateRegistrationInput,
} from './registrations.schemas.js';
import { markParsed, type RegistrationsService } from './registrations.service.js';

const tags = ['registrations'];

const CountsOut = z.object({
  onsite: z.number(),
  online: z.number(),
  waitlisted: z.number(),
  cancelled: z.number(),
  pending: z.number(),
  declined: z.number(),
  waitlistedOnsite: z.number(),
  waitlistedOnline: z.number(),
});

/** The JSON API of registrations: sign-up, manual additions, the organizer's list and edits. */
export const registrationsApiRoutes: FastifyPluginAsync<{ contactLimiter: ContactLimiter }> = async (
  base,
  { contactLimiter },
) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const regs: RegistrationsService = app.ctx.services.registrations;

  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { rateLimit: registerRateLimit },
      preHandler: contactLimiter,
      schema: {
        tags,
        summary:
          'Register for an event (public). Same phone or e-mail again: 409 already_registered, the link goes to the e-mail on file.',
        params: IdParams,
        body: RegisterInput,
        response: { 201: RegistrationOut, 200: RegistrationOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const { registration, created } = await regs.register(event, markParsed(req.body), { source: 'self' });
      return reply.status(created ? 201 : 200).send(presentTicket(config, registration, !created));
    },
  );

  app.post(
    '/api/v1/events/:id/registrations/manual',
    {
      schema: {
        tags,
        summary: 'Add a participant by hand (organizers); capacity and waitlist rules apply',
        params: IdParams,
        body: RegisterInput,
        response: { 201: RegistrationAdminOut, 200: RegistrationAdminOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { registration, created } = await regs.register(event, markParsed(req.body), {
        source: 'manual',
      });
      return reply.status(created ? 201 : 200).send(presentAdmin(registration, event.timezone));
    },
  );

  app.get(
    '/api/v1/events/:id/registrations',
    {
      schema: {
        tags,
        summary:
          'Registrations of an event (organizers); ?format=csv or xlsx to export; filters q, mode, status',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: z.object({ registrations: z.array(RegistrationAdminOut), counts: CountsOut }) },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const { format, ...filter } = req.query;
      const rows = await regs.list(event, filter);
      const dtos = rows.map((r) => presentAdmin(r, event.timezone));
      const name = `pendaftar-${event.slug}`;
      if (format === 'csv') {
        return reply
          .type('text/csv; charset=utf-8')
          .header('content-disposition', `attachment; filename="${name}.csv"`)
          .header('cache-control', 'no-store')
          .send(toCsv(dtos, req.locale) as never);
      }
      if (format === 'xlsx') {
        return reply
          .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
          .header('content-disposition', `attachment; filename="${name}.xlsx"`)
          .header('cache-control', 'no-store')
          .send((await toXlsx(dtos, req.locale, event.title)) as never);
      }
      return { registrations: dtos, counts: await regs.counts(event.id) };
    },
  );

  const loadReg = async (req: FastifyRequest, idOrSlug: string, regId: string) => {
    const event = await loadEventFor(req, db, idOrSlug, 'organize');
    const r = await regs.findById(regId);
    if (!r || r.event_id !== event.id) throw errors.notFound(what.registration);
    return { event, r };
  };

  app.get(
    '/api/v1/events/:id/registrations/:regId',
    {
      schema: {
        tags,
        summary: 'One registration (organizers)',
        params: RegParams,
        response: { 200: RegistrationAdminOut },
      },
    },
    async (req) => {
      const { event, r } = await loadReg(req, req.params.id, req.params.regId);
      return presentAdmin(r, event.timezone, await regs.waitlistPosition(r));
    },
  );

  app.patch(
    '/api/v1/events/:id/registrations/:regId',
    {
      schema: {
        tags,
        summary: 'Edit, confirm, cancel, decline, switch mode or move seat (organizers)',
        params: RegParams,
        body: UpdateRegistrationInput,
        response: { 200: RegistrationAdminOut },
      },
    },
    async (req) => {
      const { event, r: found } = await loadReg(req, req.params.id, req.params.regId);
      const b = req.body;
      let r = found;
      const details: Record<string, unknown> = {};
      if (b.name !== undefined) details.name = b.name;
      if (b.frontTitles !== undefined) details.front_titles = b.frontTitles;
      if (b.backTitles !== undefined) details.back_titles = b.backTitles;
      if (b.institution !== undefined) details.institution = b.institution;
      if (b.email !== undefined) details.email = b.email ?? null;
      if (b.phone !== undefined) details.phone = b.phone ?? null;
      if (Object.keys(details).length) r = await regs.editDetails(r, details);
      if (b.status === 'cancelled' || b.status === 'declined')
        r = (await regs.cancelRow(r, b.status)).registration;
      if (b.mode !== undefined && b.mode !== r.mode) r = await regs.switchRow(r, b.mode);
      if (b.status === 'confirmed') r = await regs.approve(r);
      if (b.seat !== undefined) r = await regs.moveSeat(r, b.seat);
      return presentAdmin(r, event.timezone, await regs.waitlistPosition(r));
    },
  );
};
