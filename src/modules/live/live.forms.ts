import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError, errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { loadEventFor } from '../events/index.js';
import { AskBody, pollFormAnswer, QA_LIMITS, resolveBallotVoter, resolveVoter } from '../qa/index.js';
import { askAgain } from './live.ask-again.js';
import { liveUrl, PollParams, QuestionParams, SlugParams } from './live.params.js';

// The live page's actions without JavaScript: plain forms (ask, vote, poll ballot) that do what the
// JSON API does and redirect back to the live page (the island posts to the API instead).

const AskForm = z.object({
  text: z.string().max(4000),
  channel: z.enum(['onsite', 'online']),
  authorName: z.string().max(400).optional(),
  anonymous: z.literal('on').optional(),
  speakerId: z.string().max(40).optional(),
  t: z.string().max(64).optional(),
  _csrf: z.string().optional(),
});
const VoteForm = z.object({
  on: z.enum(['0', '1']).default('1'),
  t: z.string().max(64).optional(),
  _csrf: z.string().optional(),
});
const PollForm = z.object({
  option: z.union([z.string().max(40), z.array(z.string().max(40)).max(10)]).optional(),
  // Word clouds and open polls send text, rating polls a rating (src/modules/qa/qa.poll-kinds.ts).
  text: z.string().max(2000).optional(),
  rating: z.string().max(2).optional(),
  t: z.string().max(64).optional(),
  _csrf: z.string().optional(),
});

export const liveForms: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const qa = app.ctx.services.qa;

  app.post(
    '/e/:slug/live/ask',
    {
      schema: { hide: true, params: SlugParams, body: FormFields },
      config: { rateLimit: QA_LIMITS.ask },
    },
    async (req, reply) => {
      const { slug } = req.params;
      const f = parseOrThrow(AskForm, req.body);
      const event = await loadEventFor(req, db, slug, 'view');
      let r: Awaited<ReturnType<typeof qa.ask>>;
      try {
        const input = parseOrThrow(AskBody, {
          text: f.text,
          channel: f.channel,
          authorName: f.authorName || null,
          anonymous: f.anonymous === 'on',
          ticketCode: f.t || null,
          speakerId: f.speakerId || null,
        });
        const voter = await resolveVoter(qa, req, reply, event.id, input.ticketCode, config.secureCookies);
        r = await qa.ask(event, input, voter);
      } catch (err) {
        // A refusal shows the form again with the question as typed (live.ask-again.tsx).
        if (err instanceof AppError) return askAgain(req, reply, event.slug, f, err);
        throw err;
      }
      return reply.redirect(
        liveUrl(event.slug, f.t, `msg=${r.question.status === 'pending' ? 'sent' : 'shown'}#qa`),
        303,
      );
    },
  );

  app.post(
    '/e/:slug/live/questions/:qid/vote',
    {
      schema: { hide: true, params: QuestionParams, body: FormFields },
      config: { rateLimit: QA_LIMITS.vote },
    },
    async (req, reply) => {
      const { slug, qid } = req.params;
      const f = parseOrThrow(VoteForm, req.body);
      const event = await loadEventFor(req, db, slug, 'view');
      const q = await qa.findQuestion(qid);
      if (!q || q.event_id !== event.id) throw errors.notFound(what.question);
      const voter = await resolveBallotVoter(qa, req, event.id, f.t || null);
      await qa.vote(q.id, voter, f.on === '1');
      return reply.redirect(liveUrl(event.slug, f.t, '#qa'), 303);
    },
  );

  app.post(
    '/e/:slug/live/polls/:pid/vote',
    {
      schema: { hide: true, params: PollParams, body: FormFields },
      config: { rateLimit: QA_LIMITS.vote },
    },
    async (req, reply) => {
      const { slug, pid } = req.params;
      const f = parseOrThrow(PollForm, req.body);
      const event = await loadEventFor(req, db, slug, 'view');
      const p = await qa.findPoll(pid);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      const ids = f.option === undefined ? [] : Array.isArray(f.option) ? f.option : [f.option];
      const kindAnswer = pollFormAnswer(f);
      if (!ids.length && !kindAnswer)
        throw errors.validation({ id: 'Pilih salah satu pilihan.', en: 'Choose an option.' });
      const voter = await resolveBallotVoter(qa, req, event.id, f.t || null);
      await qa.votePoll(p.id, voter, kindAnswer ?? { optionIds: ids });
      return reply.redirect(liveUrl(event.slug, f.t, 'msg=voted#polls-section'), 303);
    },
  );
};
