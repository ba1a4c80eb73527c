import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { type FormValues, str } from '../../web/forms.js';
import { PersonBody, PersonPatch } from '../program/index.js';
import { organizeEvent } from './console.forms.js';
import { ItemParams, programmeListRoutes, touchEvent } from './console.items.js';
import { PeopleTable, PersonForm, personValues } from './console.people.view.js';
import { C } from './console.text.js';

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

  await programmeListRoutes(base, {
    tab: 'people',
    title: C.people,
    addTitle: C.addPerson,
    editTitle: C.editPerson,
    async list(req, event) {
      const l = req.locale;
      const people = await program.peopleRows(event.id);
      const body = people.length ? (
        <>
          <p class="muted">{C.orderHint[l]}</p>
          <PeopleTable req={req} event={event} people={people} />
        </>
      ) : (
        <p class="muted">{C.noPeople[l]}</p>
      );
      // A webinar (an online room, no venue) has its people online: the form starts there.
      const presence = !event.venue_name && event.online_platform ? 'online' : 'onsite';
      return { body, defaults: { role: 'speaker', presence } };
    },
    form: async (_event, props) => <PersonForm {...props} />,
    async itemValues(event, personId) {
      const p = await program.findPerson(event.id, personId);
      if (!p) throw errors.notFound(what.person);
      return personValues(p);
    },
    add: (event, values) => program.addPerson(event, parseOrThrow(PersonBody, personInput(values))),
    update: (event, personId, values) =>
      program.updatePerson(event, personId, parseOrThrow(PersonPatch, personInput(values))),
    remove: (event, personId) => program.removePerson(event, personId),
  });

  /** Moves a person one place; the whole list is renumbered so equal or missing sort values never tie. */
  for (const dir of ['up', 'down'] as const) {
    app.post(
      `/console/events/:id/people/:itemId/move-${dir}`,
      { schema: { params: ItemParams } },
      async (req, reply) => {
        const event = await organizeEvent(req, db, req.params.id);
        const people = await program.peopleRows(event.id);
        const at = people.findIndex((p) => p.id === req.params.itemId);
        if (at < 0) throw errors.notFound(what.person);
        const to = dir === 'up' ? at - 1 : at + 1;
        if (to >= 0 && to < people.length) {
          [people[at], people[to]] = [people[to]!, people[at]!];
          for (const [sort, p] of people.entries()) {
            if (p.sort !== sort) await program.updatePerson(event, p.id, { sort });
          }
          await touchEvent(req, event);
        }
        return reply.redirect(`/console/events/${event.id}/people?saved=1`, 303);
      },
    );
  }
}
