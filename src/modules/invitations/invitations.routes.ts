import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import type { Locale } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { isoInZone } from '../../shared/time.js';
import { type EventRow, IdParams, loadEventFor } from '../events/index.js';
import { ticketUrl } from '../registrations/index.js';
import type { InvitationRow } from './invitations.repository.js';
import { InvitationStatus } from './invitations.schemas.js';
import { InvitationInput, invitationUrl, invitationWaLink } from './invitations.service.js';

const tags = ['invitations'];
const InvitationOut = z.object({
  id: z.string(),
  name: z.string(),
  fullName: z.string(),
  position: z.string().nullable(),
  institution: z.string().nullable(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  seat: z.string().nullable(),
  status: InvitationStatus,
  respondedAt: z.string().nullable(),
  url: z.string(),
  whatsappUrl: z.string(),
  ticketUrl: z.string().nullable(),
});
const ReplyOut = z.object({
  status: InvitationStatus,
  seat: z.string().nullable(),
  ticketUrl: z.string().nullable(),
});
const TokenParams = z.object({ token: z.string().min(20).max(80) });

export const invitationsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const invitations = app.ctx.services.invitations;

  async function present(event: EventRow, inv: InvitationRow, l: Locale) {
    const url = invitationUrl(config.publicUrl, inv.token);
    const reg = await invitations.registrationOf(inv);
    return {
      id: inv.id,
      name: inv.name,
      fullName: fullName({ frontTitles: inv.front_titles, name: inv.name, backTitles: inv.back_titles }),
      position: inv.position,
      institution: inv.institution,
      phone: inv.phone,
      email: inv.email,
      seat: inv.seat_id,
      status: inv.status,
      respondedAt: inv.responded_at ? isoInZone(inv.responded_at, event.timezone) : null,
      url,
      whatsappUrl: invitationWaLink(event, inv, url, l),
      ticketUrl: reg && inv.status === 'accepted' ? ticketUrl(config, reg.ticket_code) : null,
    };
  }

  app.post(
    '/api/v1/events/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invite a guest (official, partner) with a personal link and, optionally, a reserved seat',
        params: IdParams,
        body: InvitationInput,
        response: { 201: InvitationOut },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return reply
        .status(201)
        .send(await present(event, await invitations.create(event, req.body), req.locale));
    },
  );

  app.get(
    '/api/v1/events/:id/invitations',
    {
      schema: {
        tags,
        summary: 'Invited guests and who replied',
        params: IdParams,
        response: {
          200: z.object({
            invitations: z.array(InvitationOut),
            counts: z.object({ invited: z.number(), accepted: z.number(), declined: z.number() }),
          }),
        },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const list = await invitations.list(event);
      return {
        invitations: await Promise.all(list.map((i) => present(event, i, req.locale))),
        counts: await invitations.counts(event.id),
      };
    },
  );

  app.delete(
    '/api/v1/events/:id/invitations/:invId',
    {
      schema: {
        tags,
        summary: 'Withdraw an invitation (its ticket is cancelled)',
        params: IdParams.extend({ invId: z.string().max(80) }),
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const inv = await invitations.findById(req.params.invId);
      if (!inv || inv.event_id !== event.id) throw errors.notFound(what.invitation);
      await invitations.remove(inv);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/invitations/:token/reply',
    {
      schema: {
        tags,
        summary: 'The guest accepts or declines (personal link)',
        params: TokenParams,
        body: z.object({ answer: z.enum(['accept', 'decline']) }),
        response: { 200: ReplyOut },
      },
    },
    async (req) => {
      const inv = await invitations.reply(await invitations.byToken(req.params.token), req.body.answer);
      const reg = await invitations.registrationOf(inv);
      return {
        status: inv.status,
        seat: inv.seat_id,
        ticketUrl: reg && inv.status === 'accepted' ? ticketUrl(config, reg.ticket_code) : null,
      };
    },
  );
};
