import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { can, IdParams, loadEventFor } from '../events/index.js';
import { PER_ADDRESS } from './qa.routes.js';
import { PollAnswerPatch, PollBody, PollOut, PollPatch, PollVoteBody, QuestionParams } from './qa.schemas.js';
import { resolveBallotVoter } from './qa.voter.js';

const BallotOut = z.object({ pollId: z.string(), counted: z.boolean(), optionIds: z.array(z.string()) });

/** Polls over the JSON API: prepare, open and close, put on screen, and one ballot per participant. */
export const pollRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const qa = app.ctx.services.qa;

  app.get(
    '/api/v1/events/:id/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'Polls with live results (drafts for moderators only)',
        params: IdParams,
        response: { 200: z.object({ polls: z.array(PollOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      return {
        polls: await qa.listPolls(event, (await can(db, event, req.user, 'moderate')) ? 'staff' : 'public'),
      };
    },
  );

  app.post(
    '/api/v1/events/:id/polls',
    {
      schema: {
        tags: ['polls'],
        summary: 'Prepare a poll (single, multiple, wordcloud, open or rating); it starts as a draft',
        params: IdParams,
        body: PollBody,
        response: { 201: PollOut },
      },
    },
    async (req, reply) =>
      reply
        .status(201)
        .send(await qa.createPoll(await loadEventFor(req, db, req.params.id, 'moderate'), req.body)),
  );

  async function pollEvent(req: FastifyRequest, id: string, action: 'view' | 'moderate') {
    const p = await qa.findPoll(id);
    if (!p) throw errors.notFound(what.poll);
    return { p, event: await loadEventFor(req, db, p.event_id, action) };
  }

  app.patch(
    '/api/v1/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'Open, close, show on screen, or edit a draft poll',
        params: QuestionParams,
        body: PollPatch,
        response: { 200: PollOut },
      },
    },
    async (req) => {
      const { p, event } = await pollEvent(req, req.params.id, 'moderate');
      return qa.updatePoll(event, p.id, req.body);
    },
  );

  app.delete(
    '/api/v1/polls/:id',
    {
      schema: {
        tags: ['polls'],
        summary: 'Delete a poll',
        params: QuestionParams,
        response: { 204: z.null() },
      },
    },
    async (req, reply) => {
      const { p, event } = await pollEvent(req, req.params.id, 'moderate');
      await qa.deletePoll(event, p.id);
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/api/v1/polls/:id/votes',
    {
      schema: {
        tags: ['polls'],
        summary:
          'Answer an open poll: optionIds, text (word cloud, open) or rating (1–5); one per participant',
        params: QuestionParams,
        body: PollVoteBody,
        response: { 200: BallotOut },
      },
      config: { rateLimit: PER_ADDRESS.vote },
    },
    async (req) => {
      const { p, event } = await pollEvent(req, req.params.id, 'view');
      // One person, one answer: a ticket, or the live page's voter where participation is open (h10a).
      const voter = await resolveBallotVoter(qa, req, event.id, req.body.ticketCode);
      const { ticketCode: _, ...answer } = req.body;
      return qa.votePoll(p.id, voter, answer);
    },
  );

  app.patch(
    '/api/v1/poll-answers/:id',
    {
      schema: {
        tags: ['polls'],
        summary: "Approve an open poll's answer (participants see it) or dismiss it",
        params: QuestionParams,
        body: PollAnswerPatch,
        response: {
          200: z.object({ id: z.string(), text: z.string(), status: z.enum(['approved', 'dismissed']) }),
        },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, await qa.answerEvent(req.params.id), 'moderate');
      return qa.moderateAnswer(event, req.params.id, req.body.status);
    },
  );
};
