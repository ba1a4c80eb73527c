import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { formatDateTime } from '../../shared/time.js';
import { ActionButton, FormFields, type KeptForm, list, SavedNotice, SavedQuery } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { requireRole, requireUser } from '../auth/index.js';
import {
  CreateEventBody,
  type EventRow,
  eventRoleOf,
  loadEventFor,
  UpdateEventBody,
  uploadUrl,
} from '../events/index.js';
import { whatsAppLink, whatsAppText } from '../site/index.js';
import { EventForm, eventFormValues, eventInputFromForm } from './console.event-form.js';
import { consolePage, formError, saveOrShowAgain } from './console.forms.js';
import { uploadFromForm } from './console.multipart.js';
import { C } from './console.text.js';

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
        if (partnerIds.length) await assertOrgs(partnerIds);
        const row = await events.create(input, user);
        if (partnerIds.length) await manage.setPartners(row, partnerIds, user);
        return `/console/events/${row.id}?saved=1`;
      },
      (form) => renderNew(req, reply, form),
    );
  });

  async function assertOrgs(ids: string[]) {
    const found = await events.orgsByIds(ids);
    if (found.length !== new Set(ids).size) throw errors.notFound(what.organization);
  }

  app.get(
    '/console/events/:id',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const event = await teamEvent(req, req.params.id);
      const user = requireUser(req);
      const l = req.locale;
      const role = await eventRoleOf(db, event, user);
      const url = `${config.publicUrl}/e/${event.slug}`;
      const share = whatsAppText(event, l, url);
      return consolePage(
        req,
        reply,
        { title: C.overview, event, tab: 'overview' },
        <>
          <SavedNotice saved={req.query.saved} l={l} />
          <p>
            <strong>{C.when[l]}:</strong> {formatDateTime(event.starts_at, event.timezone, l)}
          </p>
          <p>
            <strong>{C.publicPage[l]}:</strong> <a href={`/e/${event.slug}`}>{url}</a>
            {event.status !== 'published' ? <span class="muted"> ({C.onlyPublishedHint[l]})</span> : null}
          </p>
          {role === 'organizer' ? (
            <p class="row">
              {event.status === 'published' ? (
                <ActionButton
                  req={req}
                  action={`/console/events/${event.id}/unpublish`}
                  label={C.unpublish[l]}
                  kind="secondary"
                />
              ) : (
                <ActionButton req={req} action={`/console/events/${event.id}/publish`} label={C.publish[l]} />
              )}
              <a class="btn secondary" href={`/console/events/${event.id}/duplicate`}>
                {C.duplicate[l]}
              </a>
              <a class="btn secondary" href={`/console/events/${event.id}/delete`}>
                {C.deleteEvent[l]}
              </a>
            </p>
          ) : null}
          {event.status === 'published' ? (
            <section class="card">
              <h2 style="margin-top:0">{C.shareText[l]}</h2>
              <label for="share-text" class="muted">
                {C.shareText[l]}
              </label>
              <textarea id="share-text" readOnly rows={6}>
                {share}
              </textarea>
              <p>
                <a class="btn secondary" href={whatsAppLink(share)} rel="noopener">
                  {C.openWhatsApp[l]}
                </a>
              </p>
            </section>
          ) : null}
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

  /** The details form; a failed banner upload keeps the saved details and shows its error by the banner. */
  async function renderEdit(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { bannerError?: string; saved?: string },
  ) {
    const l = req.locale;
    const { bannerError } = form;
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
        />
        <section class="card" id="banner">
          <h2 style="margin-top:0">{C.banner[l]}</h2>
          {bannerError ? <Notice kind="error">{bannerError}</Notice> : null}
          {event.banner_path ? (
            <img class="banner" src={uploadUrl(event.banner_path)!} alt={C.banner[l]} />
          ) : null}
          <form method="post" action={`/console/events/${event.id}/banner`} enctype="multipart/form-data">
            <CsrfField req={req} />
            <label for="banner-file">{C.banner[l]}</label>
            <input
              id="banner-file"
              type="file"
              name="file"
              accept="image/jpeg,image/png,image/webp"
              required
            />
            <small class="muted">{C.bannerHint[l]}</small>
            <p>
              <button type="submit">{C.upload[l]}</button>
            </p>
          </form>
          {event.banner_path ? (
            <ActionButton
              req={req}
              action={`/console/events/${event.id}/banner/delete`}
              label={C.removeBanner[l]}
              kind="secondary"
            />
          ) : null}
        </section>
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
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          const input = parseOrThrow(UpdateEventBody, eventInputFromForm(values));
          const partnerIds = list(values, 'partnerIds');
          await assertOrgs(partnerIds);
          const row = await events.update(event, input, user);
          await manage.setPartners(row, partnerIds, user);
          return `/console/events/${event.id}/edit?saved=1`;
        },
        (form) => renderEdit(req, reply, event, form),
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

  return { teamEvent };
}
