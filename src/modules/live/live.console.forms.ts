import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';
import { PollBody } from '../qa/index.js';

const PollParams = routeParams('id', 'pid');

/** The stage and poll forms of the team's live tools: each does what the API does, then redirects back. */
export const consoleForms: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { live, qa } = app.ctx.services;
  const schema = { hide: true, body: FormFields };

  function staffEvent(req: FastifyRequest, id: string) {
    requireUser(req);
    return loadEventFor(req, db, id, 'moderate');
  }

  const StageSet = z.object({
    item: z.string().max(40),
    minutes: z.string().max(4).optional(),
    _csrf: z.string().optional(),
  });
  app.post(
    '/console/events/:id/stage/set',
    { schema: { ...schema, params: IdParam } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      const f = parseOrThrow(StageSet, req.body);
      const minutes = f.minutes
        ? parseOrThrow(z.coerce.number().int().min(1).max(600), f.minutes)
        : undefined;
      await live.setStage(event, f.item || null, minutes);
      return reply.redirect(`/console/events/${event.id}/stage`, 303);
    },
  );
  app.post(
    '/console/events/:id/stage/step',
    { schema: { ...schema, params: IdParam } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      const f = parseOrThrow(z.object({ dir: z.enum(['1', '-1']), _csrf: z.string().optional() }), req.body);
      await live.step(event, f.dir === '1' ? 1 : -1);
      return reply.redirect(`/console/events/${event.id}/stage`, 303);
    },
  );

  const PollForm = z.object({
    question: z.string().max(1000),
    options: z.string().max(5000).default(''),
    kind: z.enum(['single', 'multiple', 'wordcloud', 'open', 'rating']).default('single'),
    _csrf: z.string().optional(),
  });
  app.post('/console/events/:id/polls', { schema: { ...schema, params: IdParam } }, async (req, reply) => {
    const event = await staffEvent(req, req.params.id);
    const f = parseOrThrow(PollForm, req.body);
    const options = f.options
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean);
    const input = parseOrThrow(PollBody, {
      question: f.question,
      kind: f.kind,
      // Word clouds, open polls and ratings take no options: an empty box is no options.
      options: options.length || f.kind === 'single' || f.kind === 'multiple' ? options : undefined,
    });
    await qa.createPoll(event, input);
    return reply.redirect(`/console/events/${event.id}/polls`, 303);
  });
  const PollAction = z.object({
    status: z.enum(['open', 'closed']).optional(),
    onScreen: z.enum(['true', 'false']).optional(),
    _csrf: z.string().optional(),
  });
  app.post(
    '/console/events/:id/polls/:pid',
    { schema: { ...schema, params: PollParams } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      const { pid } = req.params;
      const f = parseOrThrow(PollAction, req.body);
      await qa.updatePoll(event, pid, {
        ...(f.status ? { status: f.status } : {}),
        ...(f.onScreen ? { onScreen: f.onScreen === 'true' } : {}),
      });
      return reply.redirect(`/console/events/${event.id}/polls`, 303);
    },
  );
  app.post(
    '/console/events/:id/polls/:pid/delete',
    { schema: { hide: true, params: PollParams } },
    async (req, reply) => {
      const event = await staffEvent(req, req.params.id);
      const { pid } = req.params;
      await qa.deletePoll(event, pid);
      return reply.redirect(`/console/events/${event.id}/polls`, 303);
    },
  );
};
