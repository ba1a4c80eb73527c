import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { Narrative } from './reports.schemas.js';

/** The console's form posts: the narrative, and marking the report final or reopening it. */
export const reportsForms: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const reports = app.ctx.services.reports;

  app.post(
    '/console/events/:id/report',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const form = req.body;
      const f = (k: string): string | undefined => {
        const v = form[k];
        return Array.isArray(v) ? v[0] : v;
      };
      await reports.editNarrative(
        event,
        (current) =>
          parseOrThrow(Narrative, {
            ...current,
            background: f('background') ?? current.background,
            goals: f('goals') ?? current.goals,
            obstacles: f('obstacles') ?? current.obstacles,
            conclusion: f('conclusion') ?? current.conclusion,
            suggestions: f('suggestions') ?? current.suggestions,
            approvals: [0, 1]
              .filter((i) => (f(`a${i}label`) ?? '').trim())
              .map((i) => ({
                label: f(`a${i}label`) ?? '',
                name: f(`a${i}name`) ?? '',
                idNumber: f(`a${i}id`) ?? '',
                idLabel: f(`a${i}idlabel`) ?? 'NIP',
              })),
            healthProtocol: f('healthProtocol') === '1',
          }),
        requireUser(req),
      );
      return reply.redirect(`/console/events/${event.id}/report?saved=1`, 303);
    },
  );

  for (const action of ['final', 'reopen'] as const) {
    app.post(
      `/console/events/:id/report/${action}`,
      { schema: { hide: true, params: IdParam } },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.id, 'organize');
        if (action === 'final') await reports.finalize(event, requireUser(req));
        else await reports.reopen(event, requireUser(req));
        return reply.redirect(
          `/console/events/${event.id}/report?${action === 'final' ? 'final' : 'reopened'}=1`,
          303,
        );
      },
    );
  }
};
