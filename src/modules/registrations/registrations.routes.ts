import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { requireUser } from '../auth/index.js';
import { eventsRepository, IdParams, loadEventFor } from '../events/index.js';
import { privacyRoutes } from './privacy.routes.js';
import { registrationsConsole } from './registrations.console.js';
import { toCsv, toXlsx } from './registrations.export.js';
import { registrationsImportRoutes } from './registrations.import.routes.js';
import { registrationsMail } from './registrations.mail.js';
import { registrationsPages } from './registrations.pages.js';
import { presentAdmin, presentTicket } from './registrations.presenter.js';
import {
  ListQuery,
  RegisterInput,
  RegistrationAdminOut,
  RegistrationOut,
  RegParams,
  SettingsInput,
  SettingsOut,
  TicketParams,
  UpdateRegistrationInput,
} from './registrations.schemas.js';
import { markParsed, type RegistrationsService } from './registrations.service.js';
import { settingsService } from './registrations.settings.js';
import { settingsConsole } from './settings.console.js';
import { ticketPages } from './ticket.pages.js';

const tags = ['registrations'];

/**
 * Per address: generous, because a whole hall on one Wi-Fi or a carrier's NAT shares one address —
 * 500 people registering within the same minute must all get through. Per phone/e-mail: tight, which
 * is what actually stops a script hammering one identity.
 */
export const registerRateLimit = { max: 1200, timeWindow: '1 minute' };
export const perContactLimit = { max: 8, timeWindow: '10 minutes' };

export function contactKey(req: FastifyRequest): string | null {
  const b = req.body as { phone?: unknown; email?: unknown } | undefined;
  const raw = [b?.phone, b?.email].find((v) => typeof v === 'string' && v.trim());
  return typeof raw === 'string' ? `reg:${raw.replace(/[^\w@.+]/g, '').toLowerCase()}` : null;
}

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

export const registrationsRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const regs: RegistrationsService = app.ctx.services.registrations;

  // A capacity that grows (venue capacity edited, seat plan redrawn) lets the waitlist in.
  const refill = async ({ eventId }: { eventId: string }) => {
    const e = await eventsRepository.findByIdOrSlug(db, eventId);
    if (e) await regs.fillFromWaitlist(e);
  };
  app.ctx.bus.on('event.updated', refill);
  app.ctx.bus.on('seating.changed', refill);
  registrationsMail(app.ctx, regs);

  // A second limit on the same route: the plugin runs one limiter per request, so this one is checked by hand.
  const checkContact = app.createRateLimit({
    ...perContactLimit,
    keyGenerator: (req) => contactKey(req) ?? 'none',
    allowList: (req) => contactKey(req) === null,
  });
  const contactLimiter = async (req: FastifyRequest) => {
    const r = await checkContact(req);
    if (!r.isAllowed && r.isExceeded) throw errors.rateLimited(r.ttlInSeconds);
  };

  app.post(
    '/api/v1/events/:id/registrations',
    {
      config: { rateLimit: registerRateLimit },
      preHandler: contactLimiter,
      schema: {
        tags,
        summary: 'Register for an event (public). Same phone or e-mail again returns the existing ticket.',
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
            waitlistPosition: z.number().nullable(),
          }),
        },
      },
    },
    async (req) => {
      const r = await regs.findByTicketCode(req.params.ticketCode);
      if (!r) throw errors.notFound(what.ticket);
      return {
        ...presentTicket(config, r),
        eventId: r.event_id,
        name: r.name,
        waitlistPosition: await regs.waitlistPosition(r),
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

  app.get(
    '/api/v1/events/:id/registration-settings',
    {
      schema: {
        tags,
        summary: 'Registration settings, capacity per mode and questions',
        params: IdParams,
        response: { 200: SettingsOut },
      },
    },
    async (req) => settingsService.present(db, await loadEventFor(req, db, req.params.id, 'view')),
  );

  app.patch(
    '/api/v1/events/:id/registration-settings',
    {
      schema: {
        tags,
        summary: 'Change opening, closing, approval, waitlist, seat assignment, questions and privacy notice',
        params: IdParams,
        body: SettingsInput,
        response: { 200: SettingsOut },
      },
    },
    async (req) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await settingsService.save(db, event, req.body);
      return settingsService.present(db, event);
    },
  );

  await app.register(registrationsImportRoutes, { regs });
  await app.register(ticketPages, { regs });
  await app.register(privacyRoutes, { regs });
  await app.register(registrationsPages, { regs, rateLimit: registerRateLimit, contactLimiter });
  await registrationsConsole(app, regs);
  await settingsConsole(app);
  app.ctx.ui.consoleLinks.push(
    {
      key: 'registrations',
      order: 10,
      label: { id: 'Pendaftar', en: 'Registrations' },
      path: '/registrations',
    },
    {
      key: 'registration-settings',
      order: 11,
      label: { id: 'Pengaturan pendaftaran', en: 'Registration settings' },
      path: '/registration-settings',
    },
  );
};
