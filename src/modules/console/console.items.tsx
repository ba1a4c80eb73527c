import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam, routeParams } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { FormFields, type FormValues, type KeptForm, SavedNotice, SavedQuery } from '../../web/forms.js';
import type { Children } from '../../web/render.js';
import type { EventRow } from '../events/index.js';
import {
  consolePage,
  type ItemFormProps,
  itemPage,
  organizeEvent,
  saveOrShowAgain,
} from './console.forms.js';
import { C } from './console.text.js';

export const ItemParams = routeParams('id', 'itemId');

/** One of an event's programme lists (its people, its rundown) as the console edits it. */
interface ProgrammeList {
  /** The console tab, also the URL segment below the event: `/console/events/:id/<tab>`. */
  tab: 'people' | 'rundown';
  title: Text;
  addTitle: Text;
  editTitle: Text;
  /** What stands above the add form, and the add form's values on a plain visit. */
  list(req: FastifyRequest, event: EventRow): Promise<{ body: Children; defaults: FormValues }>;
  /** The item form, for adding and for editing. */
  form(event: EventRow, props: ItemFormProps): Promise<Children>;
  /** The stored item as its form shows it; throws not-found when the event has no such item. */
  itemValues(event: EventRow, itemId: string): Promise<FormValues>;
  add(event: EventRow, values: FormValues): Promise<unknown>;
  update(event: EventRow, itemId: string, values: FormValues): Promise<unknown>;
  remove(event: EventRow, itemId: string): Promise<unknown>;
}

/** Programme edits do not touch the event row; bumping it refreshes the cached public page at once. */
export const touchEvent = (req: FastifyRequest, event: EventRow) =>
  req.server.ctx.services.events.touch(event.id);

/**
 * The pages of a programme list: the list with its add form, one item's edit form, and removal.
 * Every change bumps the event and goes back to the list with a saved notice.
 */
export async function programmeListRoutes(base: FastifyInstance, list: ProgrammeList) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const root = `/console/events/:id/${list.tab}`;
  const listUrl = (event: EventRow) => `/console/events/${event.id}/${list.tab}`;

  async function showList(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm | null,
    saved?: string,
  ) {
    const l = req.locale;
    const { body, defaults } = await list.list(req, event);
    const addForm = await list.form(event, {
      req,
      action: listUrl(event),
      values: form?.values ?? defaults,
      error: form?.error,
      submit: C.add[l],
    });
    return consolePage(
      req,
      reply,
      { title: list.title, event, tab: list.tab, status: form?.status },
      <>
        <SavedNotice saved={saved} l={l} />
        {body}
        <h2>{list.addTitle[l]}</h2>
        {addForm}
      </>,
    );
  }

  async function showItem(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    itemId: string,
    form: KeptForm,
  ) {
    const back = listUrl(event);
    const editForm = await list.form(event, {
      req,
      action: `${back}/${itemId}`,
      values: form.values,
      error: form.error,
      submit: C.save[req.locale],
    });
    return itemPage(
      req,
      reply,
      { title: list.editTitle, event, tab: list.tab, status: form.status, back },
      editForm,
    );
  }

  app.get(root, { schema: { params: IdParam, querystring: SavedQuery } }, async (req, reply) => {
    const event = await organizeEvent(req, db, req.params.id);
    return showList(req, reply, event, null, req.query.saved);
  });

  app.post(root, { schema: { params: IdParam, body: FormFields } }, async (req, reply) => {
    const event = await organizeEvent(req, db, req.params.id);
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        await list.add(event, values);
        await touchEvent(req, event);
        return `${listUrl(event)}?saved=1`;
      },
      (form) => showList(req, reply, event, form),
    );
  });

  app.get(`${root}/:itemId`, { schema: { params: ItemParams } }, async (req, reply) => {
    const event = await organizeEvent(req, db, req.params.id);
    const values = await list.itemValues(event, req.params.itemId);
    return showItem(req, reply, event, req.params.itemId, { values });
  });

  app.post(`${root}/:itemId`, { schema: { params: ItemParams, body: FormFields } }, async (req, reply) => {
    const event = await organizeEvent(req, db, req.params.id);
    return saveOrShowAgain(
      req,
      reply,
      async (values) => {
        await list.update(event, req.params.itemId, values);
        await touchEvent(req, event);
        return `${listUrl(event)}?saved=1`;
      },
      (form) => showItem(req, reply, event, req.params.itemId, form),
    );
  });

  app.post(`${root}/:itemId/delete`, { schema: { params: ItemParams } }, async (req, reply) => {
    const event = await organizeEvent(req, db, req.params.id);
    await list.remove(event, req.params.itemId);
    await touchEvent(req, event);
    return reply.redirect(`${listUrl(event)}?saved=1`, 303);
  });
}
