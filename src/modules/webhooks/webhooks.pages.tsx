import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import { formatDateTime } from '../../shared/time.js';
import {
  ActionButton,
  Checkbox,
  Field,
  FormFields,
  formBody,
  formError,
  type KeptForm,
  list,
  PostForm,
  str,
  URL_INPUT,
} from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { eventToolPage } from '../../web/tool-page.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { WEBHOOK_EVENTS, WebhookInput } from './webhooks.schemas.js';

const T = {
  title: { id: 'Webhook', en: 'Webhooks' },
  intro: {
    id: 'Kirim kejadian acara ini ke sistem lain (POST JSON, ditandatangani X-Aula-Signature: sha256=HMAC). Gagal dikirim ulang hingga 24 jam.',
    en: "Send this event's happenings to other systems (JSON POST, signed X-Aula-Signature: sha256=HMAC). Failures are retried for 24 hours.",
  },
  url: { id: 'Alamat (http/https)', en: 'URL (http/https)' },
  events: { id: 'Kejadian', en: 'Events' },
  add: { id: 'Tambah webhook', en: 'Add webhook' },
  secret: {
    id: 'Rahasia untuk memeriksa tanda tangan (hanya ditampilkan sekali):',
    en: 'Secret to check signatures with (shown only once):',
  },
  log: { id: 'Log pengiriman', en: 'Delivery log' },
  redeliver: { id: 'Kirim lagi', en: 'Redeliver' },
  remove: { id: 'Hapus webhook', en: 'Remove webhook' },
  none: { id: 'Belum ada.', en: 'None yet.' },
  queued: { id: 'Dikirim lagi.', en: 'Sent again.' },
} as const;

/** The console page of an event's webhooks: add one (the secret shown once), the log, redelivery. */
export const webhooksPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const svc = app.ctx.services.webhooks;
  const here = (e: EventRow) => `/console/events/${e.id}/webhooks`;

  async function show(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { secret?: string; note?: string },
  ) {
    const l = req.locale;
    const hooks = await svc.list({ eventId: event.id });
    const logs = await Promise.all(hooks.map((h) => svc.deliveries(h.id)));
    return eventToolPage(
      req,
      reply,
      event,
      T.title,
      <>
        <p>{T.intro[l]}</p>
        {form.secret ? (
          <Notice kind="ok">
            {T.secret[l]} <code>{form.secret}</code>
          </Notice>
        ) : null}
        {form.note ? <Notice kind="ok">{form.note}</Notice> : null}
        <PostForm req={req} action={here(event)} error={form.error} submit={T.add[l]}>
          <Field name="url" label={T.url} l={l} values={form.values} error={form.error} {...URL_INPUT} />
          <fieldset>
            <legend>{T.events[l]}</legend>
            {WEBHOOK_EVENTS.map((e) => (
              <Checkbox name="events" value={e} values={form.values}>
                <code>{e}</code>
              </Checkbox>
            ))}
          </fieldset>
        </PostForm>
        {hooks.length === 0 ? <p class="muted">{T.none[l]}</p> : null}
        {hooks.map((h, i) => (
          <section class="card">
            <h2 style="word-break:break-all">{h.url}</h2>
            <p>
              <code>{svc.present(h).events.join(', ')}</code>
            </p>
            <ActionButton
              req={req}
              action={`${here(event)}/${h.id}/remove`}
              label={T.remove[l]}
              kind="danger"
            />
            <h3>{T.log[l]}</h3>
            {logs[i]!.length === 0 ? <p class="muted">{T.none[l]}</p> : null}
            <ul>
              {logs[i]!.map((d) => (
                <li>
                  <code>{d.type}</code> · {d.status} · {d.attempts}×{' '}
                  {d.response_status ? `· HTTP ${d.response_status}` : ''}{' '}
                  {d.error ? <small class="muted">{d.error}</small> : null}{' '}
                  <small class="muted">{formatDateTime(Number(d.created_at), event.timezone, l)}</small>{' '}
                  <ActionButton
                    req={req}
                    action={`${here(event)}/${h.id}/deliveries/${d.id}/redeliver`}
                    label={T.redeliver[l]}
                    kind="secondary"
                  />
                </li>
              ))}
            </ul>
          </section>
        ))}
      </>,
      { status: form.status },
    );
  }

  app.get('/console/events/:id/webhooks', { schema: { hide: true, params: IdParam } }, async (req, reply) => {
    requireUser(req);
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    return show(req, reply, event, { values: {} });
  });

  app.post(
    '/console/events/:id/webhooks',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const values = formBody(req);
      try {
        const input = parseOrThrow(WebhookInput, { url: str(values, 'url'), events: list(values, 'events') });
        const { secret } = await svc.create(user, input, event.id);
        // The secret is shown on this answer, never put in a URL.
        return show(req, reply, event, { values: {}, secret });
      } catch (err) {
        const error = formError(err, req.locale, { url: T.url, events: T.events });
        if (!error) throw err;
        return show(req, reply, event, { values, error, status: 400 });
      }
    },
  );

  const owned = async (req: FastifyRequest, eventId: string, hookId: string) => {
    requireUser(req);
    const event = await loadEventFor(req, db, eventId, 'organize');
    const hook = await svc.find(hookId);
    if (!hook || hook.event_id !== event.id) throw errors.notFound(what.webhook);
    return { event, hook };
  };

  app.post(
    '/console/events/:id/webhooks/:hookId/remove',
    { schema: { hide: true, params: routeParams('id', 'hookId') } },
    async (req, reply) => {
      const { event, hook } = await owned(req, req.params.id, req.params.hookId);
      await svc.remove(hook.id);
      return reply.redirect(here(event), 303);
    },
  );

  app.post(
    '/console/events/:id/webhooks/:hookId/deliveries/:deliveryId/redeliver',
    { schema: { hide: true, params: routeParams('id', 'hookId', 'deliveryId') } },
    async (req, reply) => {
      const { event, hook } = await owned(req, req.params.id, req.params.hookId);
      if (!(await svc.redeliver(hook.id, req.params.deliveryId))) throw errors.notFound(what.delivery);
      return show(req, reply, event, { values: {}, note: T.queued[req.locale] });
    },
  );
};
