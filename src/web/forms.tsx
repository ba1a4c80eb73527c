import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { AppError } from '../errors.js';
import type { Locale, Text } from '../i18n/index.js';
import { Notice } from './layout.js';
import { CsrfField } from './page.js';
import type { Children } from './render.js';

/**
 * The form kit every module's pages use. Forms follow the API's discipline and post-redirect-get:
 *
 * - The route declares its input: `schema: { hide: true, params: IdParam, querystring: SavedQuery,
 *   body: FormFields }` (FormFields is lenient on purpose: a form is parsed in the handler, so a
 *   mistake shows the page again instead of a JSON error).
 * - GET renders the form from a `KeptForm` (`{ values }`), inside `PostForm` (CSRF token, error
 *   notice, submit button) with `Field`/`TextArea`/`Select`/`Checkbox`, which keep what was typed.
 * - POST calls `saveOrShowAgain`: `save` parses the values with the module's zod schema
 *   (`parseOrThrow`), does the work and returns where to go (`…?saved=1`); an expected error shows
 *   the page again with the values, the message (`formError`, fields named as the form labels
 *   them) and the error's status.
 * - The page it redirects to shows `<SavedNotice saved={req.query.saved} l={l} />`.
 *
 * One-button actions (publish, remove) are `ActionButton`s; a hand-made `<form method="post">`
 * carries `<CsrfField req={req} />` (src/web/page.tsx) and shows `<ErrorNotice error={…} />` above its fields.
 */

/** An HTML form's body as the browser posts it (repeated fields such as checkboxes become arrays). */
export const FormFields = z.record(z.string(), z.union([z.string(), z.array(z.string())]));

/** The query of the page a form post redirected to: `?saved=1` says the post went through. */
export const SavedQuery = z.object({ saved: z.string().optional() });

const FORM_TEXT = {
  edit: { id: 'Ubah', en: 'Edit' },
  remove: { id: 'Hapus', en: 'Remove' },
  saved: { id: 'Tersimpan.', en: 'Saved.' },
} satisfies Record<string, Text>;

export type FormValues = Record<string, string | string[] | undefined>;

/**
 * Forms read per request: a post's handler reads its form and `saveOrShowAgain` reads it again, and each
 * read was a zod parse (the sign-up form's post, the hot one, did it twice after the route's own).
 */
const readForms = new WeakMap<FastifyRequest, FormValues>();

/** The posted form, as strings (repeated fields such as checkboxes become arrays). */
export function formBody(req: FastifyRequest): FormValues {
  const read = readForms.get(req);
  // A copy each time: a caller that changes its values changes no other caller's.
  if (read) return { ...read };
  const parsed = FormFields.safeParse(req.body ?? {});
  const out: FormValues = {};
  for (const [k, v] of Object.entries(parsed.success ? parsed.data : {})) {
    if (k !== '_csrf') out[k] = v;
  }
  readForms.set(req, out);
  return { ...out };
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
export function formError(err: unknown, l: Locale, labels: Record<string, Text> = {}): FormError | null {
  if (!(err instanceof AppError) || err.status >= 500) return null;
  const paths = ((err.details?.fields as string[] | undefined) ?? []).filter((p) => labels[p]);
  let message = err.text[l];
  const sorted = [...new Set(paths)].sort((a, b) => b.length - a.length);
  sorted.forEach((p, i) => {
    message = message.replaceAll(`${p}:`, `\u0000${i}\u0000:`);
  });
  sorted.forEach((p, i) => {
    message = message.replaceAll(`\u0000${i}\u0000`, labels[p]![l]);
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

/** A labelled textarea that keeps what the user typed. */
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

/** A labelled select; the posted (or stored) value stays selected. */
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

/** A select's options from a list of keys and their labels (roles, kinds, platforms). */
export const labelOptions = (keys: readonly string[], labels: Record<string, Text>, l: Locale) =>
  keys.map((k) => ({ value: k, label: labels[k]![l] }));

/** Input presets that recur across the forms: a link, and a count of people (at least one). */
export const URL_INPUT = { type: 'url', inputMode: 'url' } as const;
export const COUNT_INPUT = { type: 'number', min: 1, inputMode: 'numeric' } as const;

/** A labelled checkbox, ticked when `value` is among the posted values of `name` (so it survives a failed post). */
export function Checkbox(props: { name: string; value: string; values: FormValues; children: Children }) {
  return (
    <label class="inline">
      <input
        type="checkbox"
        name={props.name}
        value={props.value}
        checked={list(props.values, props.name).includes(props.value)}
      />{' '}
      {props.children}
    </label>
  );
}

/** A fieldset of checkboxes for one multi-valued field (`options`: value → label), each kept across a failed post. */
export function CheckboxGroup(props: {
  name: string;
  legend: Text;
  options: readonly (readonly [string, Text])[];
  values: FormValues;
  l: Locale;
  children?: Children;
}) {
  return (
    <fieldset>
      <legend>{props.legend[props.l]}</legend>
      {props.options.map(([value, label]) => (
        <Checkbox name={props.name} value={value} values={props.values}>
          {label[props.l]}
        </Checkbox>
      ))}
      {props.children}
    </fieldset>
  );
}

/** The error of a failed post, above the form's fields. */
export function ErrorNotice(props: { error?: FormError | null | undefined }) {
  return props.error ? <Notice kind="error">{props.error.message}</Notice> : null;
}

/** "Saved." on the page a successful post redirected to (`saved` is the `SavedQuery` value). */
export function SavedNotice(props: { saved: string | undefined; l: Locale; text?: Text }) {
  return props.saved ? <Notice kind="ok">{(props.text ?? FORM_TEXT.saved)[props.l]}</Notice> : null;
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

/** A post form: CSRF token, the error of a failed post above the fields, one submit button below. */
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
  labels: Record<string, Text> = {},
) {
  const values = formBody(req);
  try {
    return reply.redirect(await save(values), 303);
  } catch (err) {
    const error = formError(err, req.locale, labels);
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
      <a href={props.path}>{FORM_TEXT.edit[l]}</a>
      <ActionButton
        req={props.req}
        action={`${props.path}/delete`}
        label={FORM_TEXT.remove[l]}
        kind="secondary"
      />
    </>
  );
}
