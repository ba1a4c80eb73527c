import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { IdParam } from '../../http/params.js';
import type { AuthUser } from '../../http/types.js';
import type { Locale, Text } from '../../i18n/index.js';
import { type FormError, FormFields, type FormValues, type KeptForm, PostForm } from '../../web/forms.js';
import type { Children } from '../../web/render.js';
import { requireRole } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { consolePage, saveOrShowAgain } from './console.forms.js';

/** A console tab that is one form about the whole event (duplicate it, delete it). */
interface TabForm {
  tab: 'duplicate' | 'delete';
  /** The tab's title, its heading and the form's button. */
  title: Text;
  intro: Text;
  /** The form's values on a plain visit. */
  initial(event: EventRow): FormValues;
  fields(event: EventRow, f: { l: Locale; values: FormValues; error?: FormError | null }): Children;
  /** Does the work; returns where to go next. */
  save(event: EventRow, values: FormValues, user: AuthUser): Promise<string>;
}

/** The page and the post of a one-form tab, for organizers only, keeping the input when the post fails. */
export async function tabFormRoutes(base: FastifyInstance, tab: TabForm) {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const url = `/console/events/:id/${tab.tab}`;

  function render(req: FastifyRequest, reply: FastifyReply, event: EventRow, form: KeptForm) {
    const l = req.locale;
    return consolePage(
      req,
      reply,
      { title: tab.title, event, tab: tab.tab, status: form.status },
      <>
        <h2>{tab.title[l]}</h2>
        <p>{tab.intro[l]}</p>
        <PostForm
          req={req}
          action={`/console/events/${event.id}/${tab.tab}`}
          error={form.error}
          submit={tab.title[l]}
        >
          {tab.fields(event, { l, values: form.values, error: form.error })}
        </PostForm>
      </>,
    );
  }

  app.get(url, { schema: { params: IdParam } }, async (req, reply) => {
    requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    return render(req, reply, event, { values: tab.initial(event) });
  });

  app.post(url, { schema: { params: IdParam, body: FormFields } }, async (req, reply) => {
    const user = requireRole(req, 'organizer');
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    return saveOrShowAgain(
      req,
      reply,
      (values) => tab.save(event, values, user),
      (form) => render(req, reply, event, form),
    );
  });
}
