import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { errors, what } from '../../errors.js';
import { IdParam, routeParams } from '../../http/params.js';
import type { Text } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { FormFields, type FormValues, saveOrShowAgain, str } from '../../web/forms.js';
import { Notice } from '../../web/layout.js';
import { CsrfField } from '../../web/page.js';
import { CF, consoleFrame } from '../../web/participants-frame.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { displayPhone } from '../registrations/index.js';
import type { InvitationRow } from './invitations.repository.js';
import { invitationUrl, invitationWaLink } from './invitations.service.js';

import { T } from './invitations.text.js';

/** The invited guests with their answer, WhatsApp and link, and a withdraw button each. */
function GuestTable(props: {
  req: FastifyRequest;
  event: EventRow;
  list: InvitationRow[];
  publicUrl: string;
}) {
  const { req, event, list } = props;
  const l = req.locale;
  const base = `/console/events/${event.id}`;
  return (
    <div class="table-wrap">
      <table>
        <thead>
          <tr>
            <th>{T.name[l]}</th>
            <th>{T.seat[l]}</th>
            <th>Status</th>
            <th>{T.link[l]}</th>
          </tr>
        </thead>
        <tbody>
          {list.map((i) => {
            const url = invitationUrl(props.publicUrl, i.token);
            return (
              <tr>
                <td>
                  {fullName({ frontTitles: i.front_titles, name: i.name, backTitles: i.back_titles })}
                  {i.position ? <div class="muted">{i.position}</div> : null}
                  {i.phone ? <div class="muted">{displayPhone(i.phone)}</div> : null}
                </td>
                <td>{i.seat_id ?? ''}</td>
                <td>
                  <span
                    class={`badge ${i.status === 'accepted' ? 'ok' : i.status === 'declined' ? 'bad' : 'warn'}`}
                  >
                    {T.status[i.status][l]}
                  </span>
                </td>
                <td>
                  <div class="row">
                    <a href={invitationWaLink(event, i, url, l)} rel="noopener">
                      {T.sendWa[l]}
                    </a>
                    <a href={url}>{T.link[l]}</a>
                    <form method="post" action={`${base}/invitations/${i.id}/delete`}>
                      <CsrfField req={req} />
                      <button type="submit" class="danger">
                        {T.withdraw[l]}
                      </button>
                    </form>
                  </div>
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

/** The invitation form, with what was typed kept after a refusal and the guest seats still free. */
function InviteForm(props: {
  req: FastifyRequest;
  base: string;
  values: Record<string, string>;
  free: string[];
}) {
  const { req, base, free } = props;
  const l = req.locale;
  const v = props.values;
  const field = (name: string, label: Text, type: 'text' | 'tel' | 'email' = 'text', required = false) => (
    <>
      <label for={`inv-${name}`}>{label[l]}</label>
      <input id={`inv-${name}`} name={name} type={type as 'text'} required={required} value={v[name] ?? ''} />
    </>
  );
  return (
    <form method="post" action={`${base}/invitations`} class="card">
      <CsrfField req={req} />
      {field('name', T.name, 'text', true)}
      <div class="grid">
        <div>{field('frontTitles', T.frontTitles)}</div>
        <div>{field('backTitles', T.backTitles)}</div>
      </div>
      {field('position', T.position)}
      {field('institution', T.institution)}
      {field('phone', T.phone, 'tel')}
      {field('email', T.email, 'email')}
      {field('seat', T.reservedSeat)}
      {free.length ? (
        <p class="muted">
          {T.freeSeats[l]}: {free.join(', ')}
        </p>
      ) : null}
      <p>
        <button type="submit">{T.add[l]}</button>
      </p>
    </form>
  );
}

export const invitationsPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db, config } = app.ctx;
  const { invitations, seating } = app.ctx.services;
  app.ctx.ui.consoleLinks.push({ key: 'invitations', order: 13, label: T.title, path: '/invitations' });

  const load = (req: FastifyRequest, id: string) => loadEventFor(req, db, id, 'organize');

  async function consolePage(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    opts: { error?: string; values?: Record<string, string>; status?: number } = {},
  ) {
    const l = req.locale;
    const list = await invitations.list(event);
    const counts = await invitations.counts(event.id);
    const base = `/console/events/${event.id}`;
    const held = new Set(list.filter((i) => i.status !== 'declined' && i.seat_id).map((i) => i.seat_id));
    const plan = await seating.view(event.id);
    const free = plan ? plan.computed.reserved.map((c) => c.label).filter((s) => !held.has(s)) : [];
    return consoleFrame(
      req,
      reply,
      event,
      CF.invitations,
      <>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <p>{T.summary(counts)[l]}</p>
        {list.length ? (
          <GuestTable req={req} event={event} list={list} publicUrl={config.publicUrl} />
        ) : (
          <p class="muted">{T.none[l]}</p>
        )}
        <InviteForm req={req} base={base} values={opts.values ?? {}} free={free} />
      </>,
      opts.status ?? 200,
    );
  }

  app.get(
    '/console/events/:id/invitations',
    { schema: { hide: true, params: IdParam } },
    async (req, reply) => consolePage(req, reply, await load(req, req.params.id)),
  );

  app.post(
    '/console/events/:id/invitations',
    { schema: { hide: true, params: IdParam, body: FormFields } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      const asText = (v: FormValues) => Object.fromEntries(Object.keys(v).map((k) => [k, str(v, k)]));
      return saveOrShowAgain(
        req,
        reply,
        async (v) => {
          const b = asText(v);
          await invitations.create(event, {
            name: b.name ?? '',
            frontTitles: b.frontTitles,
            backTitles: b.backTitles,
            position: b.position,
            institution: b.institution,
            phone: b.phone,
            email: b.email,
            seat: b.seat,
          });
          return `/console/events/${event.id}/invitations`;
        },
        (kept) =>
          consolePage(req, reply, event, {
            error: kept.error?.message,
            values: asText(kept.values),
            status: kept.status,
          }),
      );
    },
  );

  app.post(
    '/console/events/:id/invitations/:invId/delete',
    { schema: { hide: true, params: routeParams('id', 'invId') } },
    async (req, reply) => {
      const event = await load(req, req.params.id);
      const inv = await invitations.findById(req.params.invId);
      if (!inv || inv.event_id !== event.id) throw errors.notFound(what.invitation);
      await invitations.remove(inv);
      return reply.redirect(`/console/events/${event.id}/invitations`, 303);
    },
  );
};
