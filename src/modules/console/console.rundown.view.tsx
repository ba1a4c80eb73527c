import type { FastifyRequest } from 'fastify';
import { Checkbox, EditRemove, Field, labelOptions, PostForm, Select, TextArea } from '../../web/forms.js';
import { AGENDA_KINDS, type EventRow } from '../events/index.js';
import type { AgendaRow, PersonRow, ProgramService } from '../program/index.js';
import { AgendaTime, KIND_LABELS, PRESENCE_LABELS, personName } from '../site/index.js';
import { type ItemFormProps, StartEndFields } from './console.forms.js';
import { C } from './console.text.js';

/** The rundown item form (add and edit): times in the event's zone, kind, title, its people, notes. */
export function AgendaForm(props: ItemFormProps & { event: EventRow; people: PersonRow[] }) {
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
            options={labelOptions(AGENDA_KINDS, KIND_LABELS, l)}
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

/** The rundown in time order, each item with its people and its edit and remove buttons. */
export function RundownList(props: {
  req: FastifyRequest;
  event: EventRow;
  rows: AgendaRow[];
  items: Awaited<ReturnType<ProgramService['listAgenda']>>;
}) {
  const { req, event, rows, items } = props;
  const l = req.locale;
  return (
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
  );
}
