import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { FormFields, type FormValues, type KeptForm, SavedNotice, SavedQuery, str } from '../../web/forms.js';
import type { EventRow } from '../events/index.js';
import { PersonBody, PersonPatch } from '../program/index.js';
import { consolePage, itemPage, organizeEvent, saveOrShowAgain } from './console.forms.js';
import { PeopleTable, PersonForm, personValues } from './console.people.view.js';
import { C } from './console.text.js';

const ItemParams = routeParams('id', 'itemId');

const personInput = (v: FormValues) => ({
  frontTitles: str(v, 'frontTitles'),
  name: str(v, 'name'),
  backTitles: str(v, 'backTitles'),
  position: str(v, 'position'),
  institution: str(v, 'institution'),
  role: str(v, 'role'),
  presence: str(v, 'presence'),
  email: str(v, 'email').trim() || null,
});

export async function consolePeopleRoutes(base: FastifyInstance) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const program = app.ctx.services.program;

  const organize = (req: FastifyRequest, id: string) => organizeEvent(req, db, id);
  /** Programme edits do not touch the event row; bumping it refreshes the cached public page at once. */
  const touched = (event: EventRow) => app.ctx.services.events.touch(event.id);

  async function renderPeople(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { saved?: string },
  ) {
    const l = req.locale;
    const people = await program.peopleRows(event.id);
    return consolePage(
      req,
      reply,
      { title: C.people, event, tab: 'people', status: form.status },
      <>
        <SavedNotice saved={form.saved} l={l} />
        {people.length ? <p class="muted">{C.orderHint[l]}</p> : null}
        {people.length ? (
          <PeopleTable req={req} event={event} people={people} />
        ) : (
          <p class="muted">{C.noPeople[l]}</p>
        )}
        <h2>{C.addPerson[l]}</h2>
        <PersonForm
          req={req}
          action={`/console/events/${event.id}/people`}
          values={form.values}
          error={form.error}
          submit={C.add[l]}
        />
      </>,
    );
  }

  app.get(
    '/console/events/:id/people',
    { schema: { params: IdParam, querystring: SavedQuery } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return renderPeople(req, reply, event, {
        values: { role: 'speaker', presence: 'onsite' },
        saved: req.query.saved,
      });
    },
  );

  app.post(
    '/console/events/:id/people',
    { schema: { params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          await program.addPerson(event, parseOrThrow(PersonBody, personInput(values)));
          await touched(event);
          return `/console/events/${event.id}/people?saved=1`;
        },
        (form) => renderPeople(req, reply, event, form),
      );
    },
  );

  function renderPerson(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    personId: string,
    form: KeptForm,
  ) {
    const l = req.locale;
    const back = `/console/events/${event.id}/people`;
    return itemPage(
      req,
      reply,
      { title: C.editPerson, event, tab: 'people', status: form.status, back },
      <PersonForm
        req={req}
        action={`${back}/${personId}`}
        values={form.values}
        error={form.error}
        submit={C.save[l]}
      />,
    );
  }

  app.get('/console/events/:id/people/:itemId', { schema: { params: ItemParams } }, async (req, reply) => {
    const event = await organize(req, req.params.id);
    const p = await program.findPerson(event.id, req.params.itemId);
    if (!p) throw errors.notFound(what.person);
    return renderPerson(req, reply, event, p.id, { values: personValues(p) });
  });

  app.post(
    '/console/events/:id/people/:itemId',
    { schema: { params: ItemParams, body: FormFields } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      return saveOrShowAgain(
        req,
        reply,
        async (values) => {
          await program.updatePerson(
            event,
            req.params.itemId,
            parseOrThrow(PersonPatch, personInput(values)),
          );
          await touched(event);
          return `/console/events/${event.id}/people?saved=1`;
        },
        (form) => renderPerson(req, reply, event, req.params.itemId, form),
      );
    },
  );

  /** Moves a person one place; the whole list is renumbered so equal or missing sort values never tie. */
  for (const dir of ['up', 'down'] as const) {
    app.post(
      `/console/events/:id/people/:itemId/move-${dir}`,
      { schema: { params: ItemParams } },
      async (req, reply) => {
        const event = await organize(req, req.params.id);
        const people = await program.peopleRows(event.id);
        const at = people.findIndex((p) => p.id === req.params.itemId);
        if (at < 0) throw errors.notFound(what.person);
        const to = dir === 'up' ? at - 1 : at + 1;
        if (to >= 0 && to < people.length) {
          [people[at], people[to]] = [people[to]!, people[at]!];
          for (const [sort, p] of people.entries()) {
            if (p.sort !== sort) await program.updatePerson(event, p.id, { sort });
          }
          await touched(event);
        }
        return reply.redirect(`/console/events/${event.id}/people?saved=1`, 303);
      },
    );
  }

  app.post(
    '/console/events/:id/people/:itemId/delete',
    { schema: { params: ItemParams } },
    async (req, reply) => {
      const event = await organize(req, req.params.id);
      await program.removePerson(event, req.params.itemId);
      await touched(event);
      return reply.redirect(`/console/events/${event.id}/people?saved=1`, 303);
    },
  );
}
