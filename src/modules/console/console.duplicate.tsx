import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import { Field, FormFields, type KeptForm, PostForm, str } from '../../web/forms.js';
import { requireRole } from '../auth/index.js';
import { DuplicateBody, type EventRow, loadEventFor } from '../events/index.js';
import { localToIso } from './console.event-form.js';
import { consolePage, StartEndFields, saveOrShowAgain } from './console.forms.js';
import { C } from './console.text.js';

/** "Duplicate for the next event": a new draft with a new title and dates, everything else copied. */
export async function consoleDuplicateRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const manage = app.ctx.services.eventsManage;

  async function renderDuplicate(req: FastifyRequest, reply: FastifyReply, event: EventRow, form: KeptForm) {
    const l = req.locale;
    const f = { l, values: form.values, error: form.error };
    return consolePage(
      req,
      reply,
      { title: C.duplicate, event, tab: 'duplicate', status: form.status },
      <>
        <h2>{C.duplicate[l]}</h2>
        <p>{C.duplicateIntro[l]}</p>
        <PostForm
          req={req}
          action={`/console/events/${event.id}/duplicate`}
          error={form.error}
          submit={C.duplicate[l]}
        >
          <Field name="title" label={C.newTitle} required minLength={3} maxLength={200} {...f} />
          <StartEndFields f={f} endRequired />
          <p class="muted">
            {C.timezone[l]}: {event.timezone}
          </p>
        </PostForm>
      </>,
    );
  }

  app.get('/console/events/:id/duplicate', { schema: { params: IdParam } }, async (req, reply) => {
    requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    const week = 7 * 86400_000;
    return renderDuplicate(req, reply, event, {
      values: {
        title: event.title,
        startsAt: toLocalInput(event.starts_at + week, event.timezone),
        endsAt: toLocalInput(event.ends_at + week, event.timezone),
      },
    });
  });

  app.post(
    '/console/events/:id/duplicate',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireRole(req, 'organizer');
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          const input = parseOrThrow(DuplicateBody, {
            title: str(values, 'title'),
            startsAt: localToIso(str(values, 'startsAt'), event.timezone, 'startsAt'),
            endsAt: localToIso(str(values, 'endsAt'), event.timezone, 'endsAt'),
          });
          const copy = await manage.duplicate(event, input, user);
          return `/console/events/${copy.id}/edit?saved=1`;
        },
        (form) => renderDuplicate(req, reply, event, form),
      );
    },
  );
}
