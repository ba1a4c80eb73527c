import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields, type KeptForm, list, SavedNotice, SavedQuery } from '../../web/forms.js';
import { requireRole, requireUser } from '../auth/index.js';
import { CreateEventBody, type EventRow, eventRoleOf, loadEventFor } from '../events/index.js';
import { assertOrgsExist, EventForm, eventInputFromForm } from './console.event-form.js';
import { EventOverview } from './console.events.view.js';
import { consolePage, saveOrShowAgain } from './console.forms.js';
import { C } from './console.text.js';

/** New event, an event's overview, publish and unpublish. */
export async function consoleEventRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const events = app.ctx.services.events;
  const manage = app.ctx.services.eventsManage;

  /** The console page of an event is for its team; others get the same 404 as for a draft. */
  async function teamEvent(req: FastifyRequest, id: string): Promise<EventRow> {
    const user = requireUser(req);
    const event = await events.find(id);
    if (!event || !(await eventRoleOf(db, event, user))) throw errors.notFound(what.event);
    return event;
  }

  async function renderNew(req: FastifyRequest, reply: FastifyReply, form: KeptForm) {
    const l = req.locale;
    return consolePage(
      req,
      reply,
      { title: C.newEvent, status: form.status },
      <>
        <h1>{C.newEvent[l]}</h1>
        <EventForm
          req={req}
          action="/console/events/new"
          values={form.values}
          orgs={await app.ctx.services.orgs.list()}
          error={form.error}
          submit={C.create[l]}
        />
      </>,
    );
  }

  app.get('/console/events/new', async (req, reply) => {
    requireRole(req, 'organizer');
    return renderNew(req, reply, { values: { timezone: 'Asia/Jakarta' } });
  });

  app.post('/console/events/new', { schema: { body: FormFields } }, async (req, reply) => {
    const user = requireRole(req, 'organizer');
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        const input = parseOrThrow(CreateEventBody, eventInputFromForm(values));
        const partnerIds = list(values, 'partnerIds');
        if (partnerIds.length) await assertOrgsExist(events, partnerIds);
        const row = await events.create(input, user);
        if (partnerIds.length) await manage.setPartners(row, partnerIds, user);
        return `/console/events/${row.id}?saved=1`;
      },
      (form) => renderNew(req, reply, form),
    );
  });

  app.get(
    '/console/events/:id',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const event = await teamEvent(req, req.params.id);
      const user = requireUser(req);
      const l = req.locale;
      const role = await eventRoleOf(db, event, user);
      const url = `${config.publicUrl}/e/${event.slug}`;
      return consolePage(
        req,
        reply,
        { title: C.overview, event, tab: 'overview', role },
        <>
          <SavedNotice saved={req.query.saved} l={l} />
          <EventOverview req={req} event={event} organizer={role === 'organizer'} url={url} />
        </>,
      );
    },
  );

  for (const [action, status] of [
    ['publish', 'published'],
    ['unpublish', 'draft'],
  ] as const) {
    app.post(`/console/events/:id/${action}`, { schema: { params: IdParam } }, async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await events.setStatus(event, status, user);
      return reply.redirect(`/console/events/${event.id}?saved=1`, 303);
    });
  }
}
