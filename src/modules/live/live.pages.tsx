import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { errors, what } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import { fullName } from '../../shared/names.js';
import { asPage, page } from '../../web/page.js';
import { CodeResultNotice } from '../attendance/index.js';
import { type EventRow, loadEventFor } from '../events/index.js';
import { peekVoterKey, qaRepository } from '../qa/index.js';
import { LIVE_CSS, PollView, QuestionItem, StageView, youtubeEmbed } from './live.components.js';
import { consolePages } from './live.console.js';
import { liveForms, liveUrl, SlugParams } from './live.forms.js';
import { screenPages } from './live.screens.js';
import { liveSnapshot } from './live.service.js';
import { T } from './live.text.js';

const LiveQuery = z.object({
  t: z.string().trim().min(8).max(64).optional().catch(undefined),
  from: z.enum(['hall', 'online']).optional().catch(undefined),
  msg: z.enum(['sent', 'shown', 'voted']).optional().catch(undefined),
  sort: z.enum(['votes', 'time']).optional().catch(undefined),
});
/** The ticket behind `?t=`, when it belongs to this event and is active. */
async function ticketOf(req: FastifyRequest, event: EventRow, code: string | undefined) {
  if (!code) return null;
  const t = await qaRepository.findTicket(req.server.ctx.db, event.id, code);
  return t && t.status !== 'cancelled' && t.status !== 'declined' ? { ...t, code } : null;
}

export const livePages: FastifyPluginAsync = async (app) => {
  const { db } = app.ctx;
  const qa = app.ctx.services.qa;

  app.ctx.ui.ticketSections.push({
    key: 'live',
    order: 30,
    async render(req, event, ticket) {
      if (ticket.status !== 'confirmed') return null;
      const l = req.locale;
      return (
        <section id="live">
          <h2>{T.enterLive[l]}</h2>
          <p>{T.enterLiveIntro[l]}</p>
          <a class="btn" href={liveUrl(event.slug, ticket.ticket_code)}>
            {T.enterLive[l]}
          </a>
        </section>
      );
    },
  });
  app.ctx.ui.consoleLinks.push(
    { key: 'live-moderate', order: 30, label: T.moderation, path: '/moderate' },
    { key: 'live-stage', order: 31, label: T.stageControl, path: '/stage' },
    { key: 'live-polls', order: 32, label: T.polls, path: '/polls' },
    { key: 'live-projector', order: 33, label: T.projector, path: '/projector' },
    { key: 'live-overlay', order: 34, label: T.overlay, path: '/overlay' },
  );

  async function renderLive(
    req: FastifyRequest,
    reply: FastifyReply,
    speaker?: { id: string; name: string },
  ) {
    const { slug } = parseOrThrow(SlugParams, req.params);
    const query = LiveQuery.parse(req.query ?? {});
    const event = await loadEventFor(req, db, slug, 'view');
    const ticket = speaker ? null : await ticketOf(req, event, query.t);
    const snap = await liveSnapshot(db, event.id, 'public');
    const key = peekVoterKey(req, ticket?.id ?? null);
    const voter = key ? { key, registrationId: null, name: null } : null;
    const voted = new Set(voter ? await qa.votedBy(event, voter) : []);
    const ballots = voter ? await qa.ballotsOf(event, voter) : {};
    const l = req.locale;
    const channel =
      query.from === 'hall'
        ? 'onsite'
        : query.from === 'online'
          ? 'online'
          : ticket?.mode === 'onsite'
            ? 'onsite'
            : ticket
              ? 'online'
              : 'onsite';
    const questions = snap.questions
      .filter((q) => !speaker || q.speaker?.id === speaker.id)
      .sort((a, b) =>
        query.sort === 'time'
          ? b.createdAt.localeCompare(a.createdAt)
          : b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
      );
    const hidden: Record<string, string> = ticket ? { t: ticket.code } : {};
    const people = await qaRepository.listSpeakers(db, event.id);
    const embed = youtubeEmbed(event.online_stream_url);
    const showJoin =
      !speaker && !!event.online_join_url && ticket?.mode === 'online' && ticket.status === 'confirmed';
    const visiblePolls = snap.polls.filter((p) => p.status !== 'draft');
    return page(
      req,
      reply,
      {
        title: `${speaker ? T.speakerView[l] : T.liveTitle[l]} — ${event.title}`,
        scripts: ['/assets/live.js'],
      },
      <>
        <style>{LIVE_CSS}</style>
        <div
          id="live-root"
          data-event={event.id}
          data-slug={event.slug}
          data-ticket={ticket?.code ?? ''}
          data-channel={channel}
          data-speaker={speaker?.id ?? ''}
          data-tz={event.timezone}
          data-voted={JSON.stringify([...voted])}
          data-ballots={JSON.stringify(ballots)}
        >
          <p class="muted">{event.title}</p>
          {speaker ? <h1>{`${T.speakerView[l]}: ${speaker.name}`}</h1> : null}
          <StageView stage={snap.stage} tz={event.timezone} l={l} />
          {!speaker && (embed || event.online_stream_url || showJoin) ? (
            <section class="watch" id="watch">
              {embed ? (
                <a
                  class="btn secondary"
                  id="watch-btn"
                  href={event.online_stream_url!}
                  data-embed={embed}
                  rel="noopener"
                  target="_blank"
                >
                  ▶ {T.watch[l]}
                </a>
              ) : event.online_stream_url ? (
                <a class="btn secondary" href={event.online_stream_url} rel="noopener" target="_blank">
                  ▶ {T.watch[l]}
                </a>
              ) : null}{' '}
              {showJoin ? (
                <a class="btn" href={event.online_join_url!} rel="noopener" target="_blank">
                  {T.join[l]}
                </a>
              ) : null}
            </section>
          ) : null}
          {query.msg ? (
            <div class="notice ok" role="status">
              {query.msg === 'sent' ? T.sent[l] : query.msg === 'shown' ? T.sentShown[l] : T.pollThanks[l]}
            </div>
          ) : null}
          <section id="qa">
            <h2>{T.qa[l]}</h2>
            {speaker ? null : snap.settings.qaOpen ? (
              <form id="ask-form" method="post" action={`/e/${event.slug}/live/ask`} class="card">
                <input type="hidden" name="t" value={ticket?.code ?? ''} />
                <label for="q-text">{T.yourQuestion[l]}</label>
                <textarea id="q-text" name="text" required minLength={3} maxLength={500} />
                <fieldset class="row" style="border:0;padding:0;margin:.5rem 0">
                  <legend class="muted">{T.from[l]}</legend>
                  <label class="inline">
                    <input type="radio" name="channel" value="onsite" checked={channel === 'onsite'} />{' '}
                    {T.hall[l]}
                  </label>
                  <label class="inline">
                    <input type="radio" name="channel" value="online" checked={channel === 'online'} />{' '}
                    {T.online[l]}
                  </label>
                </fieldset>
                {ticket ? null : (
                  <>
                    <label for="q-name">{T.yourName[l]}</label>
                    <input id="q-name" name="authorName" maxLength={80} autocomplete="name" />
                  </>
                )}
                {people.length ? (
                  <>
                    <label for="q-speaker">{T.toSpeaker[l]}</label>
                    <select id="q-speaker" name="speakerId">
                      <option value="">{T.anySpeaker[l]}</option>
                      {people.map((p) => (
                        <option value={p.id}>
                          {fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles })}
                        </option>
                      ))}
                    </select>
                  </>
                ) : null}
                <label class="inline">
                  <input type="checkbox" name="anonymous" /> {T.anonymous[l]}
                </label>
                <p id="ask-msg" class="muted" role="status" />
                <button type="submit">{T.send[l]}</button>
              </form>
            ) : (
              <p class="notice" id="qa-closed">
                {T.qaClosed[l]}
              </p>
            )}
            <p class="row" id="sort">
              <a
                href={liveUrl(event.slug, ticket?.code, 'sort=votes#qa')}
                data-sort="votes"
                aria-current={query.sort !== 'time' ? 'true' : undefined}
              >
                {T.byVotes[l]}
              </a>
              <a
                href={liveUrl(event.slug, ticket?.code, 'sort=time#qa')}
                data-sort="time"
                aria-current={query.sort === 'time' ? 'true' : undefined}
              >
                {T.byTime[l]}
              </a>
            </p>
            <ol id="questions" class="questions">
              {questions.map((q) => (
                <QuestionItem
                  q={q}
                  l={l}
                  voted={voted.has(q.id)}
                  voteAction={speaker ? undefined : `/e/${event.slug}/live/questions/${q.id}/vote`}
                  hidden={hidden}
                />
              ))}
            </ol>
            <p id="no-questions" class="muted" hidden={questions.length > 0}>
              {T.noQuestions[l]}
            </p>
          </section>
          {speaker ? null : (
            <section id="polls-section" hidden={visiblePolls.length === 0}>
              <h2>{T.poll[l]}</h2>
              <div id="polls">
                {visiblePolls.map((p) => (
                  <PollView
                    p={p}
                    l={l}
                    action={`/e/${event.slug}/live/polls/${p.id}/vote`}
                    mine={ballots[p.id]}
                    hidden={hidden}
                  />
                ))}
              </div>
            </section>
          )}
          {ticket && ticket.mode === 'online' ? (
            <section id="attendance" class="card">
              <h2>{T.attendance[l]}</h2>
              <p>{T.attendanceIntro[l]}</p>
              <form id="attendance-form" method="post" action={`/e/${event.slug}/presensi`}>
                <input type="hidden" name="ticketCode" value={ticket.code} />
                <input type="hidden" name="back" value={`${liveUrl(event.slug, ticket.code)}#attendance`} />
                <CodeResultNotice req={req} />
                <label for="att-code">{T.attendance[l]}</label>
                <input
                  id="att-code"
                  name="code"
                  required
                  maxLength={20}
                  autocomplete="off"
                  autocapitalize="characters"
                />
                <p id="attendance-msg" role="status" />
                <button type="submit">{T.attendanceSend[l]}</button>
              </form>
            </section>
          ) : null}
          <p id="conn" class="muted" aria-live="polite" />
        </div>
      </>,
    );
  }

  app.get('/e/:slug/live', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    return renderLive(req, reply);
  });

  /** The speaker's phone view: a link signed with the app's cookie secret, sent by the moderator. */
  app.get('/e/:slug/speaker/:personId', { schema: { hide: true } }, async (req, reply) => {
    asPage(req);
    const { personId, slug } = parseOrThrow(
      z.object({ slug: z.string().max(80), personId: z.string().max(40) }),
      req.params,
    );
    const k = parseOrThrow(z.object({ k: z.string().max(200).default('') }).passthrough(), req.query ?? {}).k;
    const event = await loadEventFor(req, db, slug, 'view');
    const check = app.unsignCookie(`${event.id}.${personId}.${k}`);
    if (!check.valid) throw errors.notFound(what.person);
    const p = await qaRepository.findPerson(db, event.id, personId);
    if (!p) throw errors.notFound(what.person);
    return renderLive(req, reply, {
      id: p.id,
      name: fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles }),
    });
  });

  await app.register(liveForms);
  await app.register(screenPages);
  await app.register(consolePages);
};
