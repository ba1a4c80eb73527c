import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { IdParams, loadEventFor } from '../events/index.js';
import { EVALUATION_PER_ADDRESS, ticketLimiter } from './evaluation.limits.js';
import { AnswersBody, FormBody, Question, ResultsOut, TicketParams } from './evaluation.schemas.js';
import type { EvaluationService } from './evaluation.service.js';

const FormOut = z.object({
  status: z.enum(['draft', 'open', 'closed']),
  questions: z.array(Question),
  responses: z.number(),
});
const tags = ['evaluation'];

const present = (f: Awaited<ReturnType<EvaluationService['form']>>) => ({
  status: f.status,
  questions: f.questions,
  responses: f.responses,
});

export const evaluationApiRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.evaluation;
  const perTicket = ticketLimiter(app);

  app.get(
    '/api/v1/events/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'The evaluation form of the event',
        params: IdParams,
        response: { 200: FormOut },
      },
    },
    async (req) => present(await svc.form((await loadEventFor(req, db, req.params.id, 'organize')).id)),
  );

  app.put(
    '/api/v1/events/:id/evaluation',
    {
      schema: {
        tags,
        summary: 'Replace the questions (before any answer)',
        params: IdParams,
        body: FormBody,
        response: { 200: FormOut },
      },
    },
    async (req) =>
      present(await svc.saveQuestions(await loadEventFor(req, db, req.params.id, 'organize'), req.body)),
  );

  for (const [action, status] of [
    ['open', 'open'],
    ['close', 'closed'],
  ] as const) {
    app.post(
      `/api/v1/events/:id/evaluation/${action}`,
      {
        schema: {
          tags,
          summary: `${action === 'open' ? 'Open' : 'Close'} the evaluation`,
          params: IdParams,
          response: { 200: FormOut },
        },
      },
      async (req) =>
        present(await svc.setStatus(await loadEventFor(req, db, req.params.id, 'organize'), status)),
    );
  }

  app.get(
    '/api/v1/events/:id/evaluation/results',
    {
      schema: {
        tags,
        summary: 'Averages, distributions and comments',
        params: IdParams,
        response: { 200: ResultsOut },
      },
    },
    async (req) => svc.results((await loadEventFor(req, db, req.params.id, 'organize')).id, req.locale),
  );

  app.get(
    '/api/v1/tickets/:code/evaluation',
    {
      schema: {
        tags,
        summary: 'The form for one participant (by ticket code) and whether it is already filled in',
        params: TicketParams,
        response: { 200: FormOut.omit({ responses: true }).extend({ submitted: z.boolean() }) },
      },
    },
    async (req) => {
      const reg = await svc.participant(req.params.code);
      const form = await svc.form(reg.event_id);
      return { status: form.status, questions: form.questions, submitted: await svc.submitted(reg.id) };
    },
  );

  app.post(
    '/api/v1/tickets/:code/evaluation',
    {
      config: { rateLimit: EVALUATION_PER_ADDRESS },
      schema: {
        tags,
        summary: 'Submit the evaluation once per registration',
        params: TicketParams,
        body: AnswersBody,
        response: { 201: z.object({ submitted: z.literal(true) }) },
      },
    },
    async (req, reply) => {
      const reg = await svc.participant(req.params.code);
      await perTicket(req);
      await svc.submit(reg.event_id, reg.id, req.body.answers);
      return reply.status(201).send({ submitted: true as const });
    },
  );
};
