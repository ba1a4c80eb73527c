import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Locale } from '../../i18n/index.js';
import { newSecretToken } from '../../shared/ids.js';
import { formatDateTime } from '../../shared/time.js';
import {
  CheckboxGroup,
  ErrorNotice,
  Field,
  FormFields,
  type FormValues,
  formBody,
  formError,
  type KeptForm,
  list,
  str,
  TextArea,
} from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { eventToolPage } from '../../web/tool-page.js';
import { requireUser } from '../auth/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { MessageInput } from './messages.schemas.js';
import { L } from './messages.text.js';
import { DeliveryTable, StatusCounts } from './messages.views.js';
import { NoticeOffer } from './notices/notices.view.js';
import { ThanksSection } from './thanks/thanks.pages.js';

const LABELS = {
  subject: L.subject,
  body: L.body,
  'audience.modes': L.modes,
  'audience.statuses': L.statuses,
  channels: L.channels,
};

/** The form's values as the API's input (the same schema checks both). */
function inputOf(v: FormValues) {
  const attendance = list(v, 'attendance');
  return parseOrThrow(MessageInput, {
    audience: {
      modes: list(v, 'modes'),
      statuses: list(v, 'statuses'),
      ...(attendance.length ? { attendance } : {}),
    },
    subject: str(v, 'subject'),
    body: str(v, 'body'),
    channels: list(v, 'channels'),
    idempotencyKey: str(v, 'key') || undefined,
  });
}

/** Compose (with a preview of who it reaches), send once per form, follow one message's progress. */
export const messagesPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { messages, deliveries, notices, thanks } = app.ctx.services;
  const path = (e: EventRow) => `/console/events/${e.id}/messages`;

  async function compose(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    form: KeptForm & { note?: string },
  ) {
    const l = req.locale;
    const v = form.values;
    const [earlier, offer, recording] = await Promise.all([
      messages.list(event),
      notices.offer(event),
      thanks.recording(event),
    ]);
    return eventToolPage(
      req,
      reply,
      event,
      L.messages,
      <>
        <p>{L.intro[l]}</p>
        {offer ? <NoticeOffer req={req} event={event} offer={offer} /> : null}
        {form.note ? <Notice kind="ok">{form.note}</Notice> : null}
        <form method="post" action={path(event)} novalidate>
          <CsrfField req={req} />
          {/* One key per rendered form: pressing send twice (or resending the post) sends once. */}
          <input type="hidden" name="key" value={str(v, 'key') || newSecretToken()} />
          <ErrorNotice error={form.error} />
          <Field name="subject" label={L.subject} l={l} values={v} error={form.error} maxLength={200} />
          <TextArea name="body" label={L.body} l={l} values={v} rows={6} hint={L.bodyHint} />
          <CheckboxGroup
            name="modes"
            legend={L.modes}
            l={l}
            values={v}
            options={[
              ['onsite', L.onsite],
              ['online', L.online],
            ]}
          />
          <CheckboxGroup
            name="statuses"
            legend={L.statuses}
            l={l}
            values={v}
            options={[
              ['confirmed', L.confirmed],
              ['waitlisted', L.waitlisted],
            ]}
          />
          <CheckboxGroup
            name="attendance"
            legend={L.attendance}
            l={l}
            values={v}
            options={[
              ['present', L.present],
              ['absent', L.absent],
            ]}
          />
          <CheckboxGroup
            name="channels"
            legend={L.channels}
            l={l}
            values={v}
            options={[
              ['email', L.email],
              ['whatsapp', L.whatsapp],
            ]}
          >
            {deliveries.whatsappApi ? null : <small class="muted">{L.waManual[l]}</small>}
          </CheckboxGroup>
          <p class="row">
            <button type="submit" name="action" value="preview" class="secondary">
              {L.preview[l]}
            </button>
            <button type="submit" name="action" value="send">
              {L.send[l]}
            </button>
          </p>
        </form>
        {event.ends_at < Date.now() ? <ThanksSection req={req} event={event} recording={recording} /> : null}
        <h2>{L.earlier[l]}</h2>
        {earlier.length === 0 ? <p class="muted">{L.none[l]}</p> : null}
        <ul>
          {earlier.map((m) => (
            <li>
              <a href={`${path(event)}/${m.id}`}>{m.subject}</a>{' '}
              <small class="muted">
                {formatDateTime(Number(m.created_at), event.timezone, l)} · {m.recipients}{' '}
                {L.recipients[l].toLowerCase()}
              </small>
            </li>
          ))}
        </ul>
      </>,
      { status: form.status },
    );
  }

  app.get('/console/events/:id/messages', { schema: { hide: true, params: IdParam } }, async (req, reply) => {
    requireUser(req);
    const event = await loadEventFor(req, db, req.params.id, 'organize');
    return compose(req, reply, event, {
      values: { modes: ['onsite', 'online'], statuses: ['confirmed'], channels: ['email'] },
    });
  });

  app.post(
    '/console/events/:id/messages',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const values = formBody(req);
      let input: MessageInput;
      try {
        input = inputOf(values);
      } catch (err) {
        const error = formError(err, req.locale, LABELS);
        if (!error) throw err;
        return compose(req, reply, event, { values, error, status: 400 });
      }
      if (str(values, 'action') === 'preview') {
        const p = await messages.preview(event, input.audience, input.channels);
        return compose(req, reply, event, {
          values,
          note: L.count(p.count, p.email, p.whatsapp)[req.locale],
        });
      }
      const r = await messages.send(event, user, input);
      return reply.redirect(`${path(event)}/${r.message.id}`, 303);
    },
  );

  app.post(
    '/console/events/:id/messages/notice',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      const user = requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const r = await notices.send(event, user);
      return reply.redirect(r ? `${path(event)}/${r.message.id}` : path(event), 303);
    },
  );

  app.post(
    '/console/events/:id/messages/notice/dismiss',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => {
      requireUser(req);
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      await notices.dismiss(event);
      return reply.redirect(path(event), 303);
    },
  );

  app.get(
    '/console/events/:id/messages/:messageId',
    { schema: { hide: true, params: routeParams('id', 'messageId') } },
    async (req, reply) => {
      requireUser(req);
      const l: Locale = req.locale;
      const event = await loadEventFor(req, db, req.params.id, 'organize');
      const m = await messages.find(event, req.params.messageId);
      if (!m) throw errors.notFound(what.message);
      const [progress, rows] = await Promise.all([
        messages.progress(m.id),
        deliveries.list(event.id, { sourceId: m.id, limit: 500 }),
      ]);
      const done = progress.sent + progress.failed + progress.skipped;
      // While sending, the page reloads itself (no script needed) so the bar moves.
      if (done < m.recipients) reply.header('refresh', '3');
      return eventToolPage(
        req,
        reply,
        event,
        { id: m.subject, en: m.subject },
        <>
          <pre class="card" style="white-space:pre-wrap">
            {m.body}
          </pre>
          <h2>{L.progress[l]}</h2>
          <progress max={Math.max(1, m.recipients)} value={done} style="width:100%">
            {done}/{m.recipients}
          </progress>
          <StatusCounts l={l} counts={progress} />
          <p>
            <a href={req.url}>{L.refresh[l]}</a> ·{' '}
            <a href={`/console/events/${event.id}/outbox`}>{L.outbox[l]}</a>
          </p>
          <DeliveryTable req={req} event={event} rows={rows} />
        </>,
        { back: { href: path(event), label: L.messages } },
      );
    },
  );
};
