import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields, type KeptForm, list, SavedNotice, SavedQuery, str } from '../../web/forms.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor, UpdateEventBody } from '../events/index.js';
import { assertOrgsExist, EventForm, eventFormValues, eventInputFromForm } from './console.event-form.js';
import { BannerSection } from './console.events.view.js';
import { consolePage, formError, saveOrShowAgain } from './console.forms.js';
import { uploadFromForm } from './console.multipart.js';
import { SchedulePreview, type SchedulePreviewData } from './console.schedule.js';
import { C } from './console.text.js';

/** An event's details form and its banner (uploaded and removed apart from the details). */
export async function consoleEventEditRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const events = app.ctx.services.events;
  const manage = app.ctx.services.eventsManage;

  /** The details form; a failed banner upload keeps the saved details and shows its error by the banner. */
  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { bannerError?: string; saved?: string; preview?: SchedulePreviewData | null },
  ) {
    const l = req.locale;
    const { bannerError, preview } = form;
    return consolePage(
      req,
      reply,
      { title: C.details, event, tab: 'edit', status: form.status },
      <>
        <SavedNotice saved={form.saved} l={l} />
        <EventForm
          req={req}
          action={`/console/events/${event.id}/edit`}
          values={form.values}
          orgs={await app.ctx.services.orgs.list()}
          error={form.error}
          submit={C.save[l]}
          notice={preview ? <SchedulePreview l={l} event={event} p={preview} /> : null}
        />
        <BannerSection req={req} event={event} error={bannerError} />
      </>,
    );
  }

  app.get(
    '/console/events/:id/edit',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const partners = (await events.partnersOf(event.id)).map((p) => p.id);
      return renderEdit(req, reply, event, {
        values: eventFormValues(event, partners),
        saved: req.query.saved,
      });
    },
  );

  app.post(
    '/console/events/:id/edit',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      // A new start moves the day only once the organizer saw what moves and chose (schedule=move|keep).
      let preview: SchedulePreviewData | null = null;
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          const input = parseOrThrow(UpdateEventBody, eventInputFromForm(values));
          const partnerIds = list(values, 'partnerIds');
          await assertOrgsExist(events, partnerIds);
          const choice = str(values, 'schedule');
          if (input.startsAt !== undefined && choice !== 'move' && choice !== 'keep') {
            const p = await events.schedulePreview(event, input.startsAt);
            if (p.parts.length) {
              const rundown = await app.ctx.services.program.agendaRows(event.id);
              preview = { ...p, rundown, timezone: input.timezone ?? event.timezone };
              throw errors.scheduleMoveUnconfirmed();
            }
          }
          const row = await events.update(event, { ...input, moveSchedule: choice !== 'keep' }, user);
          await manage.setPartners(row, partnerIds, user);
          return `/console/events/${event.id}/edit?saved=1`;
        },
        (form) => renderEdit(req, reply, event, { ...form, preview }),
      );
    },
  );

  app.post('/console/events/:id/banner', { schema: { params: IdParam } }, async (req, reply) => {
    const { user, upload } = await uploadFromForm(req);
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    try {
      await manage.setBanner(event, upload.file, user);
      return reply.redirect(`/console/events/${event.id}/edit?saved=1#banner`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      const partners = (await events.partnersOf(event.id)).map((p) => p.id);
      return renderEdit(req, reply, event, {
        values: eventFormValues(event, partners),
        status: (err as { status: number }).status,
        bannerError: fe.message,
      });
    }
  });

  app.post('/console/events/:id/banner/delete', { schema: { params: IdParam } }, async (req, reply) => {
    const user = requireUser(req);
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    await manage.removeBanner(event, user);
    return reply.redirect(`/console/events/${event.id}/edit?saved=1#banner`, 303);
  });
}
