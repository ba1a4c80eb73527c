import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { toLocalInput } from '../../shared/time.js';
import { CsrfField } from '../../web/page.js';
import { requireUser } from '../auth/auth.plugin.js';
import { AGENDA_KINDS, type EventRow, eventGraphRepository, loadEventFor } from '../events/index.js';
import {
  AgendaBody,
  AgendaPatch,
  createProgramService,
  type PersonRow,
  programRepository,
} from '../program/index.js';
import { AgendaTime, KIND_LABELS, PRESENCE_LABELS, personName } from '../site/index.js';
import { localToIso } from './console.event-form.js';
import {
  ActionButton,
  consolePage,
  ErrorNotice,
  Field,
  type FormError,
  type FormValues,
  formBody,
  formError,
  list,
  Select,
  savedNotice,
  str,
  TextArea,
} from './console.forms.js';
import { C } from './console.text.js';

type Params = { id: string; itemId?: string };

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

export async function consoleRundownRoutes(app: FastifyInstance) {
  const { db } = app.ctx;
  const program = createProgramService(app.ctx);

  const organize = async (req: FastifyRequest, id: string) => {
    requireUser(req);
    return loadEventFor(req, db, id, 'organize');
  };
  /** Programme edits do not touch the event row; bumping it refreshes the cached public page at once. */
  const touched = (event: EventRow) => eventGraphRepository.touch(db, event.id);

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
    const chosen = new Set(list(props.values, 'personIds'));
    return (
      <form method="post" action={props.action} novalidate>
        <CsrfField req={props.req} />
        <ErrorNotice error={props.error} />
        <div class="grid">
          <div>
            <Field name="startsAt" label={C.startsAt} type="datetime-local" required {...f} />
          </div>
          <div>
            <Field name="endsAt" label={C.endsAt} type="datetime-local" {...f} />
          </div>
          <div>
            <Select
              name="kind"
              label={C.kind}
              l={l}
              values={props.values}
              options={AGENDA_KINDS.map((k) => ({ value: k, label: KIND_LABELS[k]![l] }))}
            />
          </div>
        </div>
        <p class="muted" style="margin:.25rem 0">
          {C.timezone[l]}: {props.event.timezone}
        </p>
        <Field name="title" label={C.itemTitle} required maxLength={300} {...f} />
        <fieldset style="border:0;padding:0;margin:.75rem 0">
          <legend style="font-weight:600">{C.itemPeople[l]}</legend>
          {props.people.length ? (
            props.people.map((p) => (
              <label class="inline">
                <input type="checkbox" name="personIds" value={p.id} checked={chosen.has(p.id)} />{' '}
                {personName(p)} <span class="muted">({PRESENCE_LABELS[p.presence]?.[l]})</span>
              </label>
            ))
          ) : (
            <p class="muted">{C.addFirstPeople[l]}</p>
          )}
        </fieldset>
        <TextArea name="notes" label={C.notes} l={l} values={props.values} rows={3} />
        <p>
          <button type="submit">{props.submit}</button>
        </p>
      </form>
    );
  }

  async function renderRundown(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    values: FormValues | null,
    error?: FormError | null,
    status = 200,
  ) {
    const l = req.locale;
    const [items, people] = await Promise.all([
      program.listAgenda(event),
      programRepository.listPeople(db, event.id),
    ]);
    const rows = await programRepository.listAgenda(db, event.id);
    const last = rows.at(-1);
    const nextStart = last ? (last.ends_at ?? last.starts_at) : event.starts_at;
    const v = values ?? { startsAt: toLocalInput(nextStart, event.timezone), kind: 'talk' };
    return consolePage(
      req,
      reply,
      { title: C.rundown, event, tab: 'rundown', status },
      <>
        {savedNotice(req)}
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
                      <a href={`/console/events/${event.id}/rundown/${a.id}`}>{C.edit[l]}</a>
                      <ActionButton
                        req={req}
                        action={`/console/events/${event.id}/rundown/${a.id}/delete`}
                        label={C.remove[l]}
                        kind="secondary"
                      />
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
          error={error}
          submit={C.add[l]}
        />
      </>,
    );
  }

  app.get<{ Params: Params }>('/console/events/:id/rundown', async (req, reply) => {
    const event = await organize(req, req.params.id);
    return renderRundown(req, reply, event, null);
  });

  app.post<{ Params: Params }>('/console/events/:id/rundown', async (req, reply) => {
    const event = await organize(req, req.params.id);
    const values = formBody(req);
    try {
      await program.addAgendaItem(event, parseOrThrow(AgendaBody, agendaInput(values, event.timezone)));
      await touched(event);
      return reply.redirect(`/console/events/${event.id}/rundown?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderRundown(req, reply, event, values, fe, (err as { status: number }).status);
    }
  });

  async function renderItem(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    itemId: string,
    values: FormValues,
    error?: FormError | null,
    status = 200,
  ) {
    const l = req.locale;
    const people = await programRepository.listPeople(db, event.id);
    return consolePage(
      req,
      reply,
      { title: C.editItem, event, tab: 'rundown', status },
      <>
        <h2>{C.editItem[l]}</h2>
        <AgendaForm
          req={req}
          event={event}
          people={people}
          action={`/console/events/${event.id}/rundown/${itemId}`}
          values={values}
          error={error}
          submit={C.save[l]}
        />
        <p>
          <a href={`/console/events/${event.id}/rundown`}>{C.back[l]}</a>
        </p>
      </>,
    );
  }

  app.get<{ Params: Params }>('/console/events/:id/rundown/:itemId', async (req, reply) => {
    const event = await organize(req, req.params.id);
    const item = await programRepository.findAgendaItem(db, event.id, req.params.itemId!);
    if (!item) throw errors.notFound(what.agendaItem);
    const links = await programRepository.agendaPeople(db, [item.id]);
    return renderItem(req, reply, event, item.id, {
      startsAt: toLocalInput(item.starts_at, event.timezone),
      endsAt: item.ends_at ? toLocalInput(item.ends_at, event.timezone) : '',
      kind: item.kind,
      title: item.title,
      notes: item.notes ?? '',
      personIds: links.map((x) => x.person_id),
    });
  });

  app.post<{ Params: Params }>('/console/events/:id/rundown/:itemId', async (req, reply) => {
    const event = await organize(req, req.params.id);
    const values = formBody(req);
    try {
      await program.updateAgendaItem(
        event,
        req.params.itemId!,
        parseOrThrow(AgendaPatch, agendaInput(values, event.timezone)),
      );
      await touched(event);
      return reply.redirect(`/console/events/${event.id}/rundown?saved=1`, 303);
    } catch (err) {
      const fe = formError(err, req.locale);
      if (!fe) throw err;
      return renderItem(
        req,
        reply,
        event,
        req.params.itemId!,
        values,
        fe,
        (err as { status: number }).status,
      );
    }
  });

  app.post<{ Params: Params }>('/console/events/:id/rundown/:itemId/delete', async (req, reply) => {
    const event = await organize(req, req.params.id);
    await program.removeAgendaItem(event, req.params.itemId!);
    await touched(event);
    return reply.redirect(`/console/events/${event.id}/rundown?saved=1`, 303);
  });
}
