import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam } from '../../../http/params.js';
import { loadEventFor } from '../../events/index.js';
import { ReminderRule, ReminderRules } from './reminders.rules.js';

const ScheduleOut = z.object({
  reminders: z.array(
    z.object({ rule: ReminderRule, key: z.string(), dueAt: z.number(), recipients: z.number().nullable() }),
  ),
});

/** An event's reminders: read them with their due times, replace them (organizers of the event, admins). */
export const remindersApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.reminders;
  const tags = ['messages'];
  const out = async (event: Parameters<typeof svc.schedule>[0]) => ({
    reminders: (await svc.schedule(event)).map(({ rule, key, dueAt, recipients }) => ({
      rule,
      key,
      dueAt,
      recipients,
    })),
  });

  app.get(
    '/api/v1/events/:id/reminders',
    {
      schema: {
        tags,
        summary: "The event's reminders and when each goes out",
        params: IdParam,
        response: { 200: ScheduleOut },
      },
    },
    async (req) => out(await loadEventFor(req, db, req.params.id, 'organize')),
  );

  app.put(
    '/api/v1/events/:id/reminders',
    {
      schema: {
        tags,
        summary:
          'Replace the reminders: {daysBefore: 0–14, at: "HH:MM"} or {minutesBefore} up to 14 days; [] turns them off',
        params: IdParam,
        body: ReminderRules,
        response: { 200: ScheduleOut },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await svc.setRules(event, req.body.reminders);
      return out(event);
    },
  );
};
