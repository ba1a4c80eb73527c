import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { requireUser } from '../auth/index.js';
import { can, IdParams, loadEventFor } from '../events/index.js';
import {
  AskBody,
  ListQuery,
  MergeBody,
  QuestionOut,
  QuestionParams,
  QuestionPatch,
  VoteBody,
} from './qa.schemas.js';
import { resolveBallotVoter, resolveVoter } from './qa.voter.js';

/**
 * Per ticket where the request carries one (the API's `ticketCode`, the live form's `t`), per address only
 * for anonymous requests: a hall of 300 on one Wi-Fi or a campus behind one NAT shares an address. Read once
 * the body is parsed (`preHandler`). The tight limits are per participant (in the service) and one vote
 * per question (in the database).
 */
const TicketKeys = z.object({ ticketCode: z.unknown(), t: z.unknown() }).partial();
function ticketOrAddress(req: FastifyRequest): string {
  const parsed = TicketKeys.safeParse(req.body);
  const body = parsed.success ? parsed.data : {};
  const ticket = [body.ticketCode, body.t].find((v) => typeof v === 'string' && v.trim());
  return typeof ticket === 'string' ? `t:${ticket.trim().toLowerCase()}` : `a:${req.ip}`;
}
export const PER_ADDRESS = {
  ask: {
    max: 120,
    timeWindow: '1 minute',
    groupId: 'qa-ask',
    hook: 'preHandler',
    keyGenerator: ticketOrAddress,
  },
  vote: {
    max: 600,
    timeWindow: '1 minute',
    groupId: 'qa-vote',
    hook: 'preHandler',
    keyGenerator: ticketOrAddress,
  },
} as const;

const VoteOut = z.object({
  questionId: z.string(),
  votes: z.number(),
  voted: z.boolean(),
  changed: z.boolean(),
});

export const qaRoutes: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const qa = app.ctx.services.qa;
  const tags = ['qa'];

  async function questionEvent(req: FastifyRequest, id: string, action: 'view' | 'moderate') {
    const q = await qa.findQuestion(id);
    if (!q) throw errors.notFound(what.question);
    return { q, event: await loadEventFor(req, db, q.event_id, action) };
  }

  app.post(
    '/api/v1/events/:id/questions',
    {
      schema: {
        tags,
        summary:
          'Ask a question (hall or online); waits for a moderator unless the organizer lets questions in at once',
        params: IdParams,
        body: AskBody,
        response: { 201: QuestionOut, 200: QuestionOut },
      },
      config: { rateLimit: PER_ADDRESS.ask },
    },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const voter = await resolveVoter(qa, req, reply, event.id, req.body.ticketCode, config.secureCookies);
      const r = await qa.ask(event, req.body, voter);
      return reply.status(r.created ? 201 : 200).send(r.question);
    },
  );

  app.get(
    '/api/v1/events/:id/questions',
    {
      schema: {
        tags,
        summary: 'Questions: approved and answered for everyone; every status, with filters, for moderators',
        params: IdParams,
        querystring: ListQuery,
        response: { 200: z.object({ questions: z.array(QuestionOut) }) },
      },
    },
    async (req) => {
      const event = await loadEventFor(req, db, req.params.id, 'view');
      const role = (await can(db, event, req.user, 'moderate')) ? 'staff' : 'public';
      return { questions: await qa.list(event, role, req.query) };
    },
  );

  app.patch(
    '/api/v1/questions/:id',
    {
      schema: {
        tags,
        summary: 'Moderate: approve, dismiss, mark answered, assign a speaker, fix a typo, put on screen',
        params: QuestionParams,
        body: QuestionPatch,
        response: { 200: QuestionOut },
      },
    },
    async (req) => {
      const { q, event } = await questionEvent(req, req.params.id, 'moderate');
      return qa.moderate(event, q.id, req.body, req.user?.id ?? null);
    },
  );

  app.post(
    '/api/v1/questions/:id/merge',
    {
      schema: {
        tags,
        summary: 'Merge a duplicate into another question (their votes add up, each voter once)',
        params: QuestionParams,
        body: MergeBody,
        response: { 200: QuestionOut },
      },
    },
    async (req) => {
      const { q, event } = await questionEvent(req, req.params.id, 'moderate');
      return qa.merge(event, q.id, req.body.into, requireUser(req).id);
    },
  );

  app.post(
    '/api/v1/questions/:id/unmerge',
    {
      schema: {
        tags,
        summary: 'Undo a merge: both questions come back, each with its own votes',
        params: QuestionParams,
        response: { 200: QuestionOut },
      },
    },
    async (req) => {
      const { q, event } = await questionEvent(req, req.params.id, 'moderate');
      return qa.unmerge(event, q.id, requireUser(req).id);
    },
  );

  for (const [method, on] of [
    ['post', true],
    ['delete', false],
  ] as const) {
    app[method](
      '/api/v1/questions/:id/votes',
      {
        schema: {
          tags,
          summary: on ? 'Vote for a question (once per participant)' : 'Take back a vote',
          params: QuestionParams,
          body: VoteBody,
          response: { 200: VoteOut },
        },
        config: { rateLimit: PER_ADDRESS.vote },
      },
      async (req) => {
        const { q, event } = await questionEvent(req, req.params.id, 'view');
        const voter = await resolveBallotVoter(qa, req, event.id, req.body?.ticketCode);
        return qa.vote(q.id, voter, on);
      },
    );
  }
};
