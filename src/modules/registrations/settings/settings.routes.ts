import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { requireUser } from '../../auth/index.js';
import { IdParams, loadEventFor } from '../../events/index.js';
import { SettingsInput, SettingsOut } from '../registrations.schemas.js';

const tags = ['registrations'];

/** Registration settings over the API: read by anyone who may see the event, changed by its organizers. */
export const settingsApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const regs = app.ctx.services.registrations;

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
    async (req) => regs.presentSettings(await loadEventFor(req, db, req.params.id, 'view')),
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
      await regs.saveSettings(event, req.body);
      return regs.presentSettings(event);
    },
  );
};
