import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import { AppError } from '../../errors.js';
import type { Locale, Text } from '../../i18n/index.js';
import { Notice } from '../../web/layout.js';
import { CsrfField, page } from '../../web/page.js';
import type { Children } from '../../web/render.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { C, FIELD_LABELS } from './console.text.js';

export type FormValues = Record<string, string | string[] | undefined>;

/** The posted form, as strings (repeated fields such as checkboxes become arrays). */
export function formBody(req: FastifyRequest): FormValues {
  const body = (req.body ?? {}) as Record<string, unknown>;
  const out: FormValues = {};
  for (const [k, v] of Object.entries(body)) {
    if (k === '_csrf') continue;
    if (Array.isArray(v)) out[k] = v.map(String);
    else if (v !== undefined && v !== null) out[k] = String(v);
  }
  return out;
}

export const str = (v: FormValues, k: string): string => {
  const x = v[k];
  return Array.isArray(x) ? (x[0] ?? '') : (x ?? '');
};
export const list = (v: FormValues, k: string): string[] => {
  const x = v[k];
  return Array.isArray(x) ? x : x ? [x] : [];
};
/** Empty → null, else a number (NaN lets the schema say "wrong type"). */
export const num = (v: FormValues, k: string): number | null =>
  str(v, k).trim() === '' ? null : Number(str(v, k));

export interface FormError {
  message: string;
  fields: Set<string>;
}

/** What a form page shows: the values (as typed, after a failed post) and then the error and its status. */
export interface KeptForm {
  values: FormValues;
  error?: FormError | null;
  status?: number;
}

/**
 * Turns an expected error into a message that names the fields as the form labels them
 * ("Kapasitas ruangan (orang): …" rather than "venue.capacity: …").
 */
export function formError(err: unknown, l: Locale): FormError | null {
  if (!(err instanceof AppError) || err.status >= 500) return null;
  const paths = ((err.details?.fields as string[] | undefined) ?? []).filter((p) => FIELD_LABELS[p]);
  let message = err.text[l];
  const sorted = [...new Set(paths)].sort((a, b) => b.length - a.length);
  sorted.forEach((p, i) => {
    message = message.replaceAll(`${p}:`, `\u0000${i}\u0000:`);
  });
  sorted.forEach((p, i) => {
    message = message.replaceAll(`\u0000${i}\u0000`, FIELD_LABELS[p]![l]);
  });
  return { message, fields: new Set((err.details?.fields as string[] | undefined) ?? []) };
}

interface InputProps {
  type?: 'text' | 'email' | 'url' | 'number' | 'datetime-local' | 'password';
  required?: boolean;
  minLength?: number;
  maxLength?: number;
  min?: number;
  pattern?: string;
  placeholder?: string;
  inputMode?: 'text' | 'email' | 'url' | 'numeric';
  autocomplete?: string;
}

/** A labelled input that keeps what the user typed and marks itself invalid after a failed submit. */
export function Field(
  props: {
    name: string;
    label: Text;
    l: Locale;
    values: FormValues;
    hint?: Text;
    error?: FormError | null;
    apiPath?: string;
  } & InputProps,
) {
  const { name, label, l, values, hint, error, apiPath, ...input } = props;
  // Preact types `<input>` as a union keyed on `type`; these props are plain attributes.
  const rest = input as Record<string, unknown>;
  const id = `f-${name}`;
  const invalid = !!error?.fields.has(apiPath ?? name);
  return (
    <>
      <label for={id}>{label[l]}</label>
      <input
        id={id}
        name={name}
        value={str(values, name)}
        aria-invalid={invalid ? 'true' : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        {...rest}
      />
      {hint ? (
        <small id={`${id}-hint`} class="muted">
          {hint[l]}
        </small>
      ) : null}
    </>
  );
}

export function TextArea(props: {
  name: string;
  label: Text;
  l: Locale;
  values: FormValues;
  rows?: number;
  hint?: Text;
}) {
  const id = `f-${props.name}`;
  return (
    <>
      <label for={id}>{props.label[props.l]}</label>
      <textarea id={id} name={props.name} rows={props.rows ?? 4}>
        {str(props.values, props.name)}
      </textarea>
      {props.hint ? <small class="muted">{props.hint[props.l]}</small> : null}
    </>
  );
}

export function Select(props: {
  name: string;
  label: Text;
  l: Locale;
  values: FormValues;
  options: { value: string; label: string }[];
  required?: boolean;
}) {
  const id = `f-${props.name}`;
  const current = str(props.values, props.name);
  return (
    <>
      <label for={id}>{props.label[props.l]}</label>
      <select id={id} name={props.name} required={props.required}>
        {props.options.map((o) => (
          <option value={o.value} selected={o.value === current}>
            {o.label}
          </option>
        ))}
      </select>
    </>
  );
}

/** Input presets that recur across the forms: a link, and a count of people (at least one). */
export const URL_INPUT = { type: 'url', inputMode: 'url' } as const;
export const COUNT_INPUT = { type: 'number', min: 1, inputMode: 'numeric' } as const;

/** Start and end side by side, in the event's zone; a third field (the rundown's kind) may join the row. */
export function StartEndFields(props: {
  f: { l: Locale; values: FormValues; error?: FormError | null | undefined };
  endRequired: boolean;
  children?: Children;
}) {
  return (
    <div class="grid">
      <div>
        <Field name="startsAt" label={C.startsAt} type="datetime-local" required {...props.f} />
      </div>
      <div>
        <Field
          name="endsAt"
          label={C.endsAt}
          type="datetime-local"
          required={props.endRequired}
          {...props.f}
        />
      </div>
      {props.children}
    </div>
  );
}

export function ErrorNotice(props: { error?: FormError | null | undefined }) {
  return props.error ? <Notice kind="error">{props.error.message}</Notice> : null;
}

/** A one-button POST form (publish, remove…): works without JavaScript, carries the CSRF token. */
export function ActionButton(props: {
  req: FastifyRequest;
  action: string;
  label: string;
  kind?: 'secondary' | 'danger';
}) {
  return (
    <form method="post" action={props.action} style="display:inline">
      <CsrfField req={props.req} />
      <button type="submit" class={props.kind ?? ''}>
        {props.label}
      </button>
    </form>
  );
}

/** The console's post form: CSRF token, the error of a failed post above the fields, one submit button below. */
export function PostForm(props: {
  req: FastifyRequest;
  action: string;
  error?: FormError | null | undefined;
  submit: string;
  children: Children;
}) {
  return (
    <form method="post" action={props.action} novalidate>
      <CsrfField req={props.req} />
      <ErrorNotice error={props.error} />
      {props.children}
      <p>
        <button type="submit">{props.submit}</button>
      </p>
    </form>
  );
}

/**
 * Post-redirect-get: `save` returns where to go after success; an expected error shows the page again
 * with what was typed, the message and the error's status.
 */
export async function saveOrShowAgain(
  req: FastifyRequest,
  reply: FastifyReply,
  save: (values: FormValues) => Promise<string>,
  showAgain: (form: KeptForm) => unknown,
) {
  const values = formBody(req);
  try {
    return reply.redirect(await save(values), 303);
  } catch (err) {
    const error = formError(err, req.locale);
    if (!error) throw err;
    return showAgain({ values, error, status: (err as { status: number }).status });
  }
}

/** A list's table: the given column heads, then a last column for the row's buttons (its head for screen readers). */
export function ListTable(props: { l: Locale; heads: Text[]; actions: Text; children: Children }) {
  const { l } = props;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            {props.heads.map((h) => (
              <th scope="col">{h[l]}</th>
            ))}
            <th scope="col">
              <span class="skip">{props.actions[l]}</span>
            </th>
          </tr>
        </thead>
        <tbody>{props.children}</tbody>
      </table>
    </div>
  );
}

/** A list row's "edit" link and "remove" button; `path` is the item's page, its delete action is below it. */
export function EditRemove(props: { req: FastifyRequest; path: string }) {
  const l = props.req.locale;
  return (
    <>
      <a href={props.path}>{C.edit[l]}</a>
      <ActionButton req={props.req} action={`${props.path}/delete`} label={C.remove[l]} kind="secondary" />
    </>
  );
}

/** The console's event pages are for its organizers. */
export const organizeEvent = async (req: FastifyRequest, db: Db, id: string) => {
  requireUser(req);
  return loadEventFor(req, db, id, 'organize');
};

export type Tab = 'overview' | 'edit' | 'people' | 'rundown' | 'team' | 'duplicate' | 'delete';

/** The console frame of one event: its title, status and the menu (own tabs, then other modules' tools). */
export function consolePage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { title: Text | string; event?: EventRow; tab?: Tab; status?: number },
  body: Children,
) {
  const l = req.locale;
  const e = opts.event;
  const tabs: [Tab, Text, string][] = e
    ? [
        ['overview', C.overview, ''],
        ['edit', C.details, '/edit'],
        ['people', C.people, '/people'],
        ['rundown', C.rundown, '/rundown'],
        ['team', C.team, '/team'],
      ]
    : [];
  const tools = [...req.server.ctx.ui.consoleLinks].sort((a, b) => a.order - b.order);
  const title = typeof opts.title === 'string' ? opts.title : opts.title[l];
  // Other modules' tools: open below the overview, folded above the forms so a phone reaches the form first.
  const toolsBlock =
    e && tools.length ? (
      <details open={opts.tab === 'overview'} style="margin:1rem 0">
        <summary style="cursor:pointer;font-weight:600;padding:.6rem 0">
          {C.tools[l]} ({tools.length})
        </summary>
        <ul class="row" style="list-style:none;padding:0;margin:.25rem 0 0">
          {tools.map((t) => (
            <li>
              <a href={`/console/events/${e.id}${t.path}`}>{t.label[l]}</a>
            </li>
          ))}
        </ul>
      </details>
    ) : null;
  return page(
    req,
    reply,
    { title: e ? `${title} — ${e.title}` : title, nav: 'console', status: opts.status ?? 200 },
    <>
      {e ? (
        <>
          <p class="muted" style="margin:0">
            <a href="/console">{C.myEvents[l]}</a> ›{' '}
            <span class={`badge ${e.status === 'published' ? 'ok' : 'warn'}`}>
              {e.status === 'published' ? C.published[l] : C.draft[l]}
            </span>
          </p>
          <h1 style="font-size:1.3rem">{e.title}</h1>
          <nav
            aria-label={C.console[l]}
            class="row"
            style="margin-bottom:1rem;border-bottom:1px solid var(--line);padding-bottom:.5rem"
          >
            {tabs.map(([key, label, path]) => (
              <a
                href={`/console/events/${e.id}${path}`}
                aria-current={opts.tab === key ? 'page' : undefined}
                style={opts.tab === key ? 'font-weight:700' : undefined}
              >
                {label[l]}
              </a>
            ))}
          </nav>
          {opts.tab === 'overview' ? null : toolsBlock}
        </>
      ) : null}
      {body}
      {opts.tab === 'overview' ? toolsBlock : null}
    </>,
  );
}

/** One item's edit page: a heading, its form and the way back to the list. */
export function itemPage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { title: Text; event: EventRow; tab: Tab; status?: number; back: string },
  form: Children,
) {
  const l = req.locale;
  return consolePage(
    req,
    reply,
    { title: opts.title, event: opts.event, tab: opts.tab, status: opts.status },
    <>
      <h2>{opts.title[l]}</h2>
      {form}
      <p>
        <a href={opts.back}>{C.back[l]}</a>
      </p>
    </>,
  );
}

export const savedNotice = (req: FastifyRequest) =>
  (req.query as { saved?: string }).saved ? <Notice kind="ok">{C.saved[req.locale]}</Notice> : null;
