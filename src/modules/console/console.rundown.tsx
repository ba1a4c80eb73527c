import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import {
  FormFields,
  type FormValues,
  type KeptForm,
  list,
  SavedNotice,
  SavedQuery,
  str,
} from '../../web/forms.js';
import type { EventRow } from '../events/index.js';
import { AgendaBody, AgendaPatch } from '../program/index.js';
import { localToIso } from './console.event-form.js';
import { consolePage, itemPage, organizeEvent, saveOrShowAgain } from './console.forms.js';
import { AgendaForm, RundownList } from './console.rundown.view.js';
import { C } from './console.text.js';

const ItemParams = routeParams('id', 'itemId');

function agendaInput(v: FormValues, tz: string) {
  const end = str(v, 'endsAt').trim();
  return {
    startsAt: localToIso(str(v, 'startsAt'), tz, 'startsAt'),
    endsAt: end ? localToIso(end, tz, 'endsAt') : null,
    kind: str(v, 'kind'),
    title: str(v, 'title'),
    notes: str(v, 'notes'),
    personIds: list(v, 'personIds'),
  };
}

export async function consoleRundownRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const program = app.ctx.services.program;

  const organize = (req: FastifyRequest, id: string) => organizeEvent(req, db, id);
  /** Programme edits do not touch the event row; bumping it refreshes the cached public page at once. */
  const touched = (event: EventRow) => app.ctx.services.events.touch(event.id);

  async function renderRundown(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm | null,
    saved?: string,
  ) {
    const l = req.locale;
    const [items, people] = await Promise.all([program.listAgenda(event), program.peopleRows(event.id)]);
    const rows = await program.agendaRows(event.id);
    const last = rows.at(-1);
    const nextStart = last ? (last.ends_at ?? last.starts_at) : event.starts_at;
    const v = form?.values ?? { startsAt: toLocalInput(nextStart, event.timezone), kind: 'talk' };
    return consolePage(
      req,
      reply,
      { title: C.rundown, event, tab: 'rundown', status: form?.status },
      <>
        <SavedNotice saved={saved} l={l} />
        {rows.length ? (
          <RundownList req={req} event={event} rows={rows} items={items} />
        ) : (
          <p class="muted">{C.noItems[l]}</p>
        )}
        <h2>{C.addItem[l]}</h2>
        <AgendaForm
          req={req}
          event={event}
          people={people}
          action={`/console/events/${event.id}/rundown`}
          values={v}
          error={form?.error}
          submit={C.add[l]}
        />
      </>,
    );
  }

  app.get(
    '/console/events/:id/rundown',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return renderRundown(req, reply, event, null, req.query.saved);
    },
  );

  app.post(
    '/console/events/:id/rundown',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          await program.addAgendaItem(event, parseOrThrow(AgendaBody, agendaInput(values, event.timezone)));
          await touched(event);
          return `/console/events/${event.id}/rundown?saved=1`;
        },
        (form) => renderRundown(req, reply, event, form),
      );
    },
  );

  async function renderItem(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    itemId: string,
    form: KeptForm,
  ) {
    const l = req.locale;
    const people = await program.peopleRows(event.id);
    const back = `/console/events/${event.id}/rundown`;
    return itemPage(
      req,
      reply,
      { title: C.editItem, event, tab: 'rundown', status: form.status, back },
      <AgendaForm
        req={req}
        event={event}
        people={people}
        action={`${back}/${itemId}`}
        values={form.values}
        error={form.error}
        submit={C.save[l]}
      />,
    );
  }

  app.get('/console/events/:id/rundown/:itemId', { schema: { params: ItemParams } }, async (req, reply) => {
    const event = await organize(req, req.params.id);
    const item = await program.findAgendaItem(event.id, req.params.itemId);
    if (!item) throw errors.notFound(what.agendaItem);
    const links = await program.agendaLinks([item.id]);
    return renderItem(req, reply, event, item.id, {
      values: {
        startsAt: toLocalInput(item.starts_at, event.timezone),
        endsAt: item.ends_at ? toLocalInput(item.ends_at, event.timezone) : '',
        kind: item.kind,
        title: item.title,
        notes: item.notes ?? '',
        personIds: links.map((x) => x.person_id),
      },
    });
  });

  app.post(
    '/console/events/:id/rundown/:itemId',
    { schema: { params: ItemParams, body: FormFields } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          await program.updateAgendaItem(
            event,
            req.params.itemId,
            parseOrThrow(AgendaPatch, agendaInput(values, event.timezone)),
          );
          await touched(event);
          return `/console/events/${event.id}/rundown?saved=1`;
        },
        (form) => renderItem(req, reply, event, req.params.itemId, form),
      );
    },
  );

  app.post(
    '/console/events/:id/rundown/:itemId/delete',
    { schema: { params: ItemParams } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      await program.removeAgendaItem(event, req.params.itemId);
      await touched(event);
      return reply.redirect(`/console/events/${event.id}/rundown?saved=1`, 303);
    },
  );
}
