import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { fullName } from '../../shared/names.js';
import { page } from '../../web/page.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { personJoinLink } from '../program/index.js';
import { issueVoter, onlyChannel } from '../qa/index.js';
import { SlugParams, SpeakerParams } from './live.params.js';
import { T } from './live.text.js';
import { LivePage, type VotingState } from './live.view.js';

// Loose: other modules' page parts read their own keys from the same query (the attendance notice).
const LiveQuery = z
  .object({
    t: z.string().trim().min(8).max(64).optional().catch(undefined),
    from: z.enum(['hall', 'online']).optional().catch(undefined),
    msg: z.enum(['sent', 'shown', 'voted']).optional().catch(undefined),
    sort: z.enum(['votes', 'time']).optional().catch(undefined),
  })
  .loose();
const SpeakerQuery = LiveQuery.extend({ k: z.string().max(200).default('') });

/** The participant's live page, and the speaker's phone view of the questions addressed to them. */
export const livePages: FastifyPluginAsync = async (base) => {
  const app = base.withTypeProvider<ZodTypeProvider>();
  const { db } = app.ctx;
  const { qa, live } = app.ctx.services;

  async function renderLive(
    req: FastifyRequest,
    reply: FastifyReply,
    event: EventRow,
    query: z.infer<typeof LiveQuery>,
    speaker?: { id: string; name: string; joinHref?: string | null },
  ) {
    const holder = speaker || !query.t ? null : await qa.ticketHolder(event.id, query.t);
    const ticket = holder && query.t ? { ...holder, code: query.t } : null;
    const snap = await live.snapshot(event, 'public');
    // One person, one vote: a ticket, or (open participation) the voter this page issues to the browser.
    const issued =
      speaker || ticket ? null : await issueVoter(qa, req, reply, event.id, app.ctx.config.secureCookies);
    const key = ticket ? `t:${ticket.id}` : issued && 'key' in issued ? issued.key : null;
    const voting: VotingState = speaker
      ? 'none'
      : ticket
        ? 'ticket'
        : issued && 'key' in issued
          ? 'open'
          : issued
            ? 'capped'
            : 'ticketNeeded';
    const voter = key ? { key, registrationId: null, name: null } : null;
    const voted = new Set(voter ? await qa.votedBy(event, voter) : []);
    const ballots = voter ? await qa.ballotsOf(event, voter) : {};
    const channel =
      onlyChannel(event) ??
      (query.from === 'hall'
        ? 'onsite'
        : query.from === 'online'
          ? 'online'
          : ticket?.mode === 'onsite'
            ? 'onsite'
            : ticket
              ? 'online'
              : 'onsite');
    const questions = snap.questions
      .filter((q) => !speaker || q.speaker?.id === speaker.id)
      .sort((a, b) =>
        query.sort === 'time'
          ? b.createdAt.localeCompare(a.createdAt)
          : b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
      );
    const people = await qa.speakers(event.id);
    const l = req.locale;
    return page(
      req,
      reply,
      {
        title: `${speaker ? T.speakerView[l] : T.liveTitle[l]} — ${event.title}`,
        scripts: ['/assets/live.js'],
      },
      <LivePage
        req={req}
        view={{ event, snap, questions, ticket, speaker, channel, voted, ballots, people, query, voting }}
      />,
    );
  }

  app.get(
    '/e/:slug/live',
    { schema: { hide: true, params: SlugParams, querystring: LiveQuery } },
    async (req, reply) => {
      const event = await loadEventFor(req, db, req.params.slug, 'view');
      return renderLive(req, reply, event, req.query);
    },
  );

  /** The speaker's phone view: a link signed with the app's cookie secret, sent by the moderator. */
  app.get(
    '/e/:slug/speaker/:personId',
    { schema: { hide: true, params: SpeakerParams, querystring: SpeakerQuery } },
    async (req, reply) => {
      const { slug, personId } = req.params;
      const event = await loadEventFor(req, db, slug, 'view');
      const check = app.unsignCookie(`${event.id}.${personId}.${req.query.k}`);
      if (!check.valid) throw errors.notFound(what.person);
      const p = await qa.speaker(event.id, personId);
      if (!p) throw errors.notFound(what.person);
      return renderLive(req, reply, event, req.query, {
        id: p.id,
        name: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
        // A remote speaker joins the meeting from here, through their own recorded link (program module).
        joinHref:
          (await app.ctx.services.program.findPerson(event.id, p.id))?.presence === 'online' &&
          event.online_join_url
            ? personJoinLink(app, app.ctx.config.publicUrl, event, p.id)
            : null,
      });
    },
  );
};
