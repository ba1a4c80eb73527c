import type { FastifyPluginAsync } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { loadEventFor } from '../events/index.js';

const AnswerParams = routeParams('id', 'pid', 'aid');
const AnswerForm = z.object({ status: z.enum(['approved', 'dismissed']), _csrf: z.string().optional() });

/** The moderators' approval of open poll answers on the polls page (what PATCH /api/v1/poll-answers/:id does). */
export const pollKindForms: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { qa } = app.ctx.services;
  app.post(
    '/console/events/:id/polls/:pid/answers/:aid',
    { schema: { hide: true, body: FormFields, params: AnswerParams } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'moderate');
      const f = parseOrThrow(AnswerForm, req.body);
      await qa.moderateAnswer(event, req.params.aid, f.status);
      return reply.redirect(`/console/events/${event.id}/polls`, 303);
    },
  );
};
