import type { FastifyRequest } from 'fastify';
import {
  EditRemove,
  Field,
  type FormValues,
  ListTable,
  labelOptions,
  PostForm,
  Select,
} from '../../web/forms.js';
import { CsrfField } from '../../web/page.js';
import { type EventRow, PERSON_ROLES, PRESENCES } from '../events/index.js';
import type { PersonRow } from '../program/index.js';
import { PRESENCE_LABELS, personName, ROLE_LABELS } from '../site/index.js';
import type { ItemFormProps } from './console.forms.js';
import { C } from './console.text.js';

/** A person as the form shows them. */
export function personValues(p: PersonRow): FormValues {
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

/** The person form (add and edit): titles as typed, role and presence, an optional e-mail. */
export function PersonForm(props: ItemFormProps) {
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
        {(
          [
            ['role', C.role, labelOptions(PERSON_ROLES, ROLE_LABELS, l)],
            ['presence', C.presence, labelOptions(PRESENCES, PRESENCE_LABELS, l)],
          ] as const
        ).map(([name, label, options]) => (
          <div>
            <Select name={name} label={label} l={l} values={props.values} options={options} />
          </div>
        ))}
      </div>
      <Field name="email" label={C.email} type="email" inputMode="email" maxLength={200} {...f} />
    </PostForm>
  );
}

/** The event's people in their order, with buttons to move each one up or down, edit or remove them. */
export function PeopleTable(props: { req: FastifyRequest; event: EventRow; people: PersonRow[] }) {
  const { req, event, people } = props;
  const l = req.locale;
  return (
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
          {/* The flex row inside the cell: a td made flex stops being a table cell and its border drifts. */}
          <td>
            <div class="row">
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
            </div>
          </td>
        </tr>
      ))}
    </ListTable>
  );
}
