import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireUser } from '../auth/index.js';
import { IdParams, loadEventFor } from '../events/index.js';
import { WhatsappBody } from './announcements.service.js';

const SummaryOut = z.object({
  eligible: z.number(),
  pendingEmail: z.number(),
  sent: z.number(),
  mailEnabled: z.boolean(),
  whatsapp: z.array(z.object({ contact: z.string(), url: z.string() })),
});
const SendOut = z.object({
  emailed: z.number(),
  failed: z.number(),
  skipped: z.number(),
  mailEnabled: z.boolean(),
});

export const announcementsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.announcements;
  const tags = ['announcements'];

  app.get(
    '/api/v1/events/:id/announcements',
    {
      schema: {
        tags,
        summary: 'Who would be told about this event: past attendees who opted in to news',
        params: IdParams,
        response: { 200: SummaryOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return svc.overview(event, requireUser(req));
    },
  );

  app.post(
    '/api/v1/events/:id/announcements',
    {
      schema: {
        tags,
        summary: 'E-mail the announcement (each person at most once)',
        params: IdParams,
        response: { 200: SendOut },
      },
    },
    async (req) => {
      const user = requireUser(req);
      return svc.sendEmails(await loadEventFor(req, db, req.params.id, 'organize'), user);
    },
  );

  app.post(
    '/api/v1/events/:id/announcements/whatsapp',
    {
      schema: {
        tags,
        summary: 'Record that the organizer sent the WhatsApp message to one contact',
        params: IdParams,
        body: WhatsappBody,
        response: { 200: z.object({ recorded: z.boolean() }) },
      },
    },
    async (req) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return { recorded: await svc.markWhatsappSent(event, req.body.contact, user) };
    },
  );
};
