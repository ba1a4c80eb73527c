import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { AppError } from '../../errors.js';
import { fullName } from '../../shared/names.js';
import { formatDateTime } from '../../shared/time.js';
import { Notice } from '../../web/layout.js';
import { page } from '../../web/page.js';
import type { InvitationRow } from './invitations.repository.js';
import { T } from './invitations.text.js';

/** The guest's link answers 404 for a malformed token, as for an unknown one (the service checks it). */
const TokenParam = z.object({ token: z.string() });

/** The guest's personal page (/i/:token): the invitation, the seat, and the answer buttons. */
export const invitationGuestPages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { invitations } = app.ctx.services;
  app.addHook('onRequest', async (_req, reply) => {
    reply.header('referrer-policy', 'no-referrer').header('x-robots-tag', 'noindex');
  });

  async function guestPage(
    req: FastifyRequest,
    reply: FastifyReply,
    inv: InvitationRow,
    opts: { error?: string; status?: number } = {},
  ) {
    const l = req.locale;
    const event = await invitations.eventOf(inv);
    const reg = await invitations.registrationOf(inv);
    return page(
      req,
      reply,
      { title: `${T.youAreInvited[l]} — ${event.title}`, status: opts.status ?? 200 },
      <article>
        {opts.error ? <Notice kind="error">{opts.error}</Notice> : null}
        <p class="muted">{T.youAreInvited[l]}</p>
        <p>
          {T.dear[l]}{' '}
          <strong>
            {fullName({ frontTitles: inv.front_titles, name: inv.name, backTitles: inv.back_titles })}
          </strong>
          {inv.position ? <>, {inv.position}</> : null}
        </p>
        <h1>{event.title}</h1>
        <p>{formatDateTime(event.starts_at, event.timezone, l)}</p>
        {event.venue_name ? (
          <p>
            {event.venue_name}
            {event.venue_address ? `, ${event.venue_address}` : ''}
          </p>
        ) : null}
        {inv.seat_id && inv.status !== 'declined' ? (
          <p>
            {T.seat[l]}: <strong>{inv.seat_id}</strong>
          </p>
        ) : null}
        {inv.status === 'accepted' ? <Notice kind="ok">{T.accepted[l]}</Notice> : null}
        {inv.status === 'declined' ? <Notice kind="ok">{T.declined[l]}</Notice> : null}
        {reg && inv.status === 'accepted' ? (
          <p>
            <a class="btn" href={`/t/${reg.ticket_code}`}>
              {T.ticket[l]}
            </a>
          </p>
        ) : null}
        {Date.now() < event.ends_at ? (
          <>
            {inv.status !== 'invited' ? <p class="muted">{T.change[l]}</p> : null}
            <div class="row">
              {inv.status !== 'accepted' ? (
                <form method="post" action={`/i/${inv.token}/accept`}>
                  <button type="submit">{T.accept[l]}</button>
                </form>
              ) : null}
              {inv.status !== 'declined' ? (
                <form method="post" action={`/i/${inv.token}/decline`}>
                  <button type="submit" class="secondary">
                    {T.decline[l]}
                  </button>
                </form>
              ) : null}
            </div>
          </>
        ) : null}
      </article>,
    );
  }

  app.get('/i/:token', { schema: { hide: true, params: TokenParam } }, async (req, reply) =>
    guestPage(req, reply, await invitations.byToken(req.params.token)),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(`/i/:token/${answer}`, { schema: { hide: true, params: TokenParam } }, async (req, reply) => {
      const inv = await invitations.byToken(req.params.token);
      try {
        await invitations.reply(inv, answer);
      } catch (err) {
        if (err instanceof AppError && err.status < 500)
          return guestPage(req, reply, (await invitations.findById(inv.id))!, {
            error: err.text[req.locale],
            status: err.status,
          });
        throw err;
      }
      return reply.redirect(`/i/${inv.token}`, 303);
    });
  }
};
