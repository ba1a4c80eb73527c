import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import { CsrfField } from '../../web/page.js';
import { requireRole } from '../auth/auth.plugin.js';
import { createEventsManageService, DuplicateBody, type EventRow, loadEventFor } from '../events/index.js';
import { localToIso } from './console.event-form.js';
import {
  consolePage,
  ErrorNotice,
  Field,
  type FormError,
  type FormValues,
  formBody,
  formError,
  str,
} from './console.forms.js';
import { C } from './console.text.js';

type Params = { id: string };

/** "Duplicate for the next event": a new draft with a new title and dates, everything else copied. */
export async function consoleDuplicateRoutes(app: FastifyInstance) {
  const { db } = app.ctx;
  const manage = createEventsManageService(app.ctx);

  async function renderDuplicate(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    values: FormValues,
    error?: FormError | null,
    status = 200,
  ) {
    const l = req.locale;
    const f = { l, values, error };
    return consolePage(
      req,
      reply,
      { title: C.duplicate, event, tab: 'duplicate', status },
      <>
        <h2>{C.duplicate[l]}</h2>
        <p>{C.duplicateIntro[l]}</p>
        <form method="post" action={`/console/events/${event.id}/duplicate`} novalidate>
          <CsrfField req={req} />
          <ErrorNotice error={error} />
          <Field name="title" label={C.newTitle} required minLength={3} maxLength={200} {...f} />
          <div class="grid">
            <div>
              <Field name="startsAt" label={C.startsAt} type="datetime-local" required {...f} />
            </div>
            <div>
              <Field name="endsAt" label={C.endsAt} type="datetime-local" required {...f} />
            </div>
          </div>
          <p class="muted">
            {C.timezone[l]}: {event.timezone}
          </p>
          <p>
            <button type="submit">{C.duplicate[l]}</button>
          </p>
        </form>
      </>,
    );
  }

  app.get<{ Params: Params }>('/console/events/:id/duplicate', async (req, reply) => {
    requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    const week = 7 * 86400_000;
    return renderDuplicate(req, reply, event, {
      title: event.title,
      startsAt: toLocalInput(event.starts_at + week, event.timezone),
      endsAt: toLocalInput(event.ends_at + week, event.timezone),
    });
  });

  app.post<{ Params: Params }>('/console/events/:id/duplicate', async (req, reply) => {
    const user = requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    const values = formBody(req);
    try {
      const input = parseOrThrow(DuplicateBody, {
        title: str(values, 'title'),
        startsAt: localToIso(str(values, 'startsAt'), event.timezone, 'startsAt'),
        endsAt: localToIso(str(values, 'endsAt'), event.timezone, 'endsAt'),
      });
      const copy = await manage.duplicate(event, input, user);
      return reply.redirect(`/console/events/${copy.id}/edit?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderDuplicate(req, reply, event, values, fe, (err as { status: number }).status);
    }
  });
}
