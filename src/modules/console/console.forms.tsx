import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Db } from '../../db/database.js';
import type { Locale, Text } from '../../i18n/index.js';
import {
  Field,
  type FormError,
  type FormValues,
  formError as kitFormError,
  saveOrShowAgain as kitSaveOrShowAgain,
} from '../../web/forms.js';
import { page } from '../../web/page.js';
import type { Children } from '../../web/render.js';
import { requireUser } from '../auth/index.js';
import { allows, type EventRole, type EventRow, loadEventFor } from '../events/index.js';
import { C, FIELD_LABELS } from './console.text.js';

/** The kit's error message and post-redirect-get, naming fields as the console's forms label them. */
export const formError = (err: unknown, l: Locale) => kitFormError(err, l, FIELD_LABELS);
export const saveOrShowAgain: typeof kitSaveOrShowAgain = (
  req,
  reply,
  save,
  showAgain,
  labels = FIELD_LABELS,
) => kitSaveOrShowAgain(req, reply, save, showAgain, labels);

/** What an add-or-edit form of one list item is given (a person, a rundown item). */
export interface ItemFormProps {
  req: FastifyRequest;
  action: string;
  values: FormValues;
  error?: FormError | null;
  submit: string;
}

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

/** The console's event pages are for its organizers. */
export const organizeEvent = async (req: FastifyRequest, db: Db, id: string) => {
  requireUser(req);
  return loadEventFor(req, db, id, 'organize');
};

export type Tab = 'overview' | 'edit' | 'people' | 'rundown' | 'team' | 'duplicate' | 'delete';

/**
 * The console frame of one event: its title, status and the menu (own tabs, then other modules' tools). The
 * menu holds only what the viewer's `role` opens (organizer unless said: every page but the overview is an
 * organizer's): door staff and moderators see their own tools, never a link that would answer 403.
 */
export function consolePage(
  req: FastifyRequest,
  reply: FastifyReply,
  opts: { title: Text | string; event?: EventRow; tab?: Tab; status?: number; role?: EventRole | null },
  body: Children,
) {
  const l = req.locale;
  const e = opts.event;
  const role = opts.role === undefined ? 'organizer' : opts.role;
  const tabs: [Tab, Text, string][] = e
    ? [
        ['overview', C.overview, ''],
        ...(role === 'organizer'
          ? ([
              ['edit', C.details, '/edit'],
              ['people', C.people, '/people'],
              ['rundown', C.rundown, '/rundown'],
              ['team', C.team, '/team'],
            ] as [Tab, Text, string][])
          : []),
      ]
    : [];
  const tools = e
    ? [...req.server.ctx.ui.consoleLinks]
        .filter((t) => allows(e, role, t.access ?? 'organize'))
        .sort((a, b) => a.order - b.order)
    : [];
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
