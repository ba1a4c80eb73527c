import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { parseOrThrow } from '../../../http/validation.js';
import { formatDateTime } from '../../../shared/time.js';
import { FormFields, type FormValues, formBody, saveOrShowAgain } from '../../../web/forms.js';
import { page } from '../../../web/page.js';
import { type EventRow, type EventsService, loadEventFor } from '../../events/index.js';
import { RegisterInput } from '../registrations.schemas.js';
import { markParsed } from '../registrations.service.js';
import type { ContactLimiter } from './rate-limit.js';
import { FT, formToInput, RegistrationForm } from './register.form.js';

/** Lenient on purpose: an unknown slug is the "event not found" page, not a validation error. */
const SlugParam = z.object({ slug: z.string() });

/** The organizer's name as the data controller in the privacy notice. */
async function controllerOf(
  app: { ctx: { services: { events: EventsService } } },
  event: EventRow,
  configured: string | null,
  locale: 'id' | 'en',
) {
  if (configured) return configured;
  const org = await app.ctx.services.events.orgOf(event);
  return org?.name ?? (locale === 'id' ? 'Panitia acara ini' : 'The organizers of this event');
}

/**
 * The registration form on the event page (through `ctx.ui.eventSections`) and on its own page at
 * /e/:slug/daftar, which is also where a form with mistakes comes back, values kept, message on top.
 */
export const registerPages: FastifyPluginAsync<{
  rateLimit: { max: number; timeWindow: string };
  contactLimiter: ContactLimiter;
}> = async (app, { rateLimit, contactLimiter }) => {
  const { db } = app.ctx;
  const regs = app.ctx.services.registrations;

  async function formFor(req: FastifyRequest, event: EventRow, values?: FormValues, error?: string) {
    const s = await regs.settings(event);
    return (
      <RegistrationForm
        req={req}
        event={event}
        s={s}
        room={await regs.room(event)}
        controller={await controllerOf(app, event, s.privacyController, req.locale)}
        values={values}
        error={error}
      />
    );
  }

  app.ctx.ui.eventSections.push({
    key: 'registration',
    order: 10,
    render: async (req, event) =>
      event.status === 'published' ? (
        <section id="daftar">
          <h2>{FT.title[req.locale]}</h2>
          {await formFor(req, event)}
        </section>
      ) : null,
  });

  const formPage = async (
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    values?: FormValues,
    error?: string,
    status = 200,
  ) =>
    page(
      req,
      reply,
      {
        title: `${FT.title[req.locale]} — ${event.title}`,
        status,
        description: formatDateTime(event.starts_at, event.timezone, req.locale),
      },
      <section>
        <p>
          <a href={`/e/${event.slug}`}>← {event.title}</a>
        </p>
        <h1>{FT.title[req.locale]}</h1>
        <p class="muted">{formatDateTime(event.starts_at, event.timezone, req.locale)}</p>
        {await formFor(req, event, values, error)}
      </section>,
    );

  app.register(async (base) => {
    const pages = base.withTypeProvider<ZodTypeProvider>();

    pages.get('/e/:slug/daftar', { schema: { hide: true, params: SlugParam } }, async (req, reply) =>
      formPage(req, reply, await loadEventFor(req, db, req.params.slug, 'view')),
    );

    pages.post(
      '/e/:slug/daftar',
      {
        schema: { hide: true, params: SlugParam, body: FormFields },
        config: { rateLimit },
      },
      async (req, reply) => {
        const event = await loadEventFor(req, db, req.params.slug, 'view');
        const body = formBody(req);
        if (typeof body.website === 'string' && body.website.trim() !== '') {
          // A bot filled the invisible field: answer like a success, write nothing.
          return page(
            req,
            reply,
            { title: FT.title[req.locale] },
            <p class="notice ok">{req.locale === 'id' ? 'Terima kasih.' : 'Thank you.'}</p>,
          );
        }
        const s = await regs.settings(event);
        const save = async (values: FormValues) => {
          // Checked here, not as a hook: a refusal (429 included) shows the form again with what was typed.
          await contactLimiter(req);
          const input = parseOrThrow(RegisterInput, {
            ...formToInput(values, s.questions),
            locale: req.locale,
          });
          const { registration, created } = await regs.register(event, markParsed(input), { source: 'self' });
          if (created) regs.fresh.put(registration, event);
          return `/t/${registration.ticket_code}?done=${created ? 'new' : 'existing'}`;
        };
        return saveOrShowAgain(req, reply, save, (form) =>
          formPage(req, reply, event, form.values, form.error?.message, form.status),
        );
      },
    );
  });
};
