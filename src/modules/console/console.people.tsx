import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import {
  EditRemove,
  Field,
  type FormError,
  FormFields,
  type FormValues,
  type KeptForm,
  ListTable,
  PostForm,
  SavedNotice,
  SavedQuery,
  Select,
  str,
} from '../../web/forms.js';
import { CsrfField } from '../../web/page.js';
import { type EventRow, PERSON_ROLES, PRESENCES } from '../events/index.js';
import { PersonBody, PersonPatch, type PersonRow } from '../program/index.js';
import { PRESENCE_LABELS, personName, ROLE_LABELS } from '../site/index.js';
import { consolePage, itemPage, organizeEvent, saveOrShowAgain } from './console.forms.js';
import { C } from './console.text.js';

const ItemParams = routeParams('id', 'itemId');

function personValues(p: PersonRow): FormValues {
  return {
    frontTitles: p.front_titles ?? '',
    name: p.name,
    backTitles: p.back_titles ?? '',
    position: p.position ?? '',
    institution: p.institution ?? '',
    role: p.role,
    presence: p.presence,
    email: p.email ?? '',
  };
}

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

  function PersonForm(props: {
    req: FastifyRequest;
    action: string;
    values: FormValues;
    error?: FormError | null;
    submit: string;
  }) {
    const l = props.req.locale;
    const f = { l, values: props.values, error: props.error };
    return (
      <PostForm req={props.req} action={props.action} error={props.error} submit={props.submit}>
        <div class="grid">
          <div>
            <Field name="frontTitles" label={C.frontTitles} maxLength={100} placeholder="Dr. H." {...f} />
          </div>
          <div>
            <Field name="name" label={C.name} required maxLength={150} {...f} />
          </div>
          <div>
            <Field
              name="backTitles"
              label={C.backTitles}
              hint={C.titlesHint}
              maxLength={150}
              placeholder="S.Sos., M.M."
              {...f}
            />
          </div>
        </div>
        <Field name="position" label={C.position} maxLength={300} {...f} />
        <Field name="institution" label={C.institution} maxLength={300} {...f} />
        <div class="grid">
          <div>
            <Select
              name="role"
              label={C.role}
              l={l}
              values={props.values}
              options={PERSON_ROLES.map((r) => ({ value: r, label: ROLE_LABELS[r]![l] }))}
            />
          </div>
          <div>
            <Select
              name="presence"
              label={C.presence}
              l={l}
              values={props.values}
              options={PRESENCES.map((p) => ({ value: p, label: PRESENCE_LABELS[p]![l] }))}
            />
          </div>
        </div>
        <Field name="email" label={C.email} type="email" inputMode="email" maxLength={200} {...f} />
      </PostForm>
    );
  }

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
          <ListTable l={l} heads={[C.name, C.role, C.presence]} actions={C.edit}>
            {people.map((p, i) => (
              <tr>
                <td>
                  <strong>{personName(p)}</strong>
                  {p.position ? (
                    <>
                      <br />
                      <span class="muted">{[p.position, p.institution].filter(Boolean).join(', ')}</span>
                    </>
                  ) : null}
                </td>
                <td>{ROLE_LABELS[p.role]?.[l] ?? p.role}</td>
                <td>{PRESENCE_LABELS[p.presence]?.[l]}</td>
                <td class="row">
                  {(['up', 'down'] as const).map((dir) =>
                    (dir === 'up' && i === 0) || (dir === 'down' && i === people.length - 1) ? null : (
                      <form
                        method="post"
                        action={`/console/events/${event.id}/people/${p.id}/move-${dir}`}
                        style="display:inline"
                      >
                        <CsrfField req={req} />
                        <button
                          type="submit"
                          class="secondary"
                          aria-label={`${(dir === 'up' ? C.moveUp : C.moveDown)[l]}: ${personName(p)}`}
                        >
                          {dir === 'up' ? '↑' : '↓'}
                        </button>
                      </form>
                    ),
                  )}
                  <EditRemove req={req} path={`/console/events/${event.id}/people/${p.id}`} />
                </td>
              </tr>
            ))}
          </ListTable>
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
