import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import {
  Checkbox,
  EditRemove,
  Field,
  type FormError,
  FormFields,
  type FormValues,
  type KeptForm,
  list,
  PostForm,
  SavedNotice,
  SavedQuery,
  Select,
  str,
  TextArea,
} from '../../web/forms.js';
import { AGENDA_KINDS, type EventRow } from '../events/index.js';
import { AgendaBody, AgendaPatch, type PersonRow } from '../program/index.js';
import { AgendaTime, KIND_LABELS, PRESENCE_LABELS, personName } from '../site/index.js';
import { localToIso } from './console.event-form.js';
import { consolePage, itemPage, organizeEvent, StartEndFields, saveOrShowAgain } from './console.forms.js';
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

  function AgendaForm(props: {
    req: FastifyRequest;
    event: EventRow;
    people: PersonRow[];
    action: string;
    values: FormValues;
    error?: FormError | null;
    submit: string;
  }) {
    const l = props.req.locale;
    const f = { l, values: props.values, error: props.error };
    return (
      <PostForm req={props.req} action={props.action} error={props.error} submit={props.submit}>
        <StartEndFields f={f} endRequired={false}>
          <div>
            <Select
              name="kind"
              label={C.kind}
              l={l}
              values={props.values}
              options={AGENDA_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k]![l] }))}
            />
          </div>
        </StartEndFields>
        <p class="muted" style="margin:.25rem 0">
          {C.timezone[l]}: {props.event.timezone}
        </p>
        <Field name="title" label={C.itemTitle} required maxLength={300} {...f} />
        <fieldset style="border:0;padding:0;margin:.75rem 0">
          <legend style="font-weight:600">{C.itemPeople[l]}</legend>
          {props.people.length ? (
            props.people.map((p) => (
              <Checkbox name="personIds" value={p.id} values={props.values}>
                {personName(p)} <span class="muted">({PRESENCE_LABELS[p.presence]?.[l]})</span>
              </Checkbox>
            ))
          ) : (
            <p class="muted">{C.addFirstPeople[l]}</p>
          )}
        </fieldset>
        <TextArea name="notes" label={C.notes} l={l} values={props.values} rows={3} />
      </PostForm>
    );
  }

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
          <ol class="rundown">
            {rows.map((a) => {
              const view = items.find((i) => i.id === a.id);
              return (
                <li>
                  <span>
                    <AgendaTime start={a.starts_at} end={a.ends_at} tz={event.timezone} locale={l} />
                  </span>
                  <span>
                    <strong>{a.title}</strong> <span class="badge">{KIND_LABELS[a.kind]?.[l] ?? a.kind}</span>
                    {view?.people.length ? (
                      <>
                        <br />
                        <span class="muted">{view.people.map((p) => p.fullName).join('; ')}</span>
                      </>
                    ) : null}
                    <br />
                    <span class="row">
                      <EditRemove req={req} path={`/console/events/${event.id}/rundown/${a.id}`} />
                    </span>
                  </span>
                </li>
              );
            })}
          </ol>
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
