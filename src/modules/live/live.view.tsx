import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import type { QuestionDto, SnapshotDto } from '../../shared/realtime.js';
import { CodeResultNotice } from '../attendance/index.js';
import type { EventRow } from '../events/index.js';
import { onlyChannel } from '../qa/index.js';
import { CAPTIONS_CSS, CaptionsToggle, SpeakerBar } from './captions.view.js';
import {
  idleStageText,
  LIVE_CSS,
  PollView,
  QuestionItem,
  StageView,
  youtubeEmbed,
} from './live.components.js';
import { liveUrl } from './live.params.js';
import { T } from './live.text.js';

/**
 * Whether this reader's votes count: with their ticket, as a voter of open participation, not now (too
 * many new voters from their network), or not without a ticket. The speaker's view does not vote.
 */
export type VotingState = 'ticket' | 'open' | 'capped' | 'ticketNeeded' | 'none';

/** Everything the live page (participant or speaker view) shows, read by the route. */
interface LiveView {
  event: EventRow;
  snap: SnapshotDto;
  /** The questions to list, sorted and (for a speaker) filtered. */
  questions: QuestionDto[];
  ticket: { code: string; mode: 'onsite' | 'online'; status: string } | null;
  /** The speaker's view: who, and their own join link when they take part remotely. */
  speaker: { id: string; name: string; joinHref?: string | null } | undefined;
  channel: 'onsite' | 'online';
  voted: Set<string>;
  ballots: Record<string, string[]>;
  people: { id: string; front_titles: string | null; name: string; back_titles: string | null }[];
  query: { msg?: 'sent' | 'shown' | 'voted' | undefined; sort?: 'votes' | 'time' | undefined };
  voting: VotingState;
}

/** The live page: stage, watch/join, the Q&A with its form, polls, and online attendance. */
export function LivePage(props: { req: FastifyRequest; view: LiveView }) {
  const { req } = props;
  const { event, snap, ticket, speaker, channel, voted, ballots, query, voting } = props.view;
  const canVote = voting === 'ticket' || voting === 'open';
  const l = req.locale;
  const hidden: Record<string, string> = ticket ? { t: ticket.code } : {};
  const embed = youtubeEmbed(event.online_stream_url);
  const showJoin =
    !speaker && !!event.online_join_url && ticket?.mode === 'online' && ticket.status === 'confirmed';
  // Open polls first: on a phone the poll running now is at the top, above the questions.
  const visiblePolls = snap.polls
    .filter((p) => p.status !== 'draft')
    .sort((a, b) => Number(b.status === 'open') - Number(a.status === 'open'));
  return (
    <>
      <style>{LIVE_CSS + CAPTIONS_CSS}</style>
      <div
        id="live-root"
        data-event={event.id}
        data-slug={event.slug}
        data-ticket={ticket?.code ?? ''}
        data-channel={channel}
        data-speaker={speaker?.id ?? ''}
        data-tz={event.timezone}
        data-starts={String(Number(event.starts_at))}
        data-ends={String(Number(event.ends_at))}
        data-voted={JSON.stringify([...voted])}
        data-ballots={JSON.stringify(ballots)}
        data-voting={voting}
      >
        <p class="muted">{event.title}</p>
        {speaker ? <h1>{`${T.speakerView[l]}: ${speaker.name}`}</h1> : null}
        {speaker ? (
          <SpeakerBar personId={speaker.id} stage={snap.stage} joinHref={speaker.joinHref ?? null} l={l} />
        ) : null}
        <StageView stage={snap.stage} tz={event.timezone} l={l} idle={idleStageText(event, l)} />
        <CaptionsToggle captions={snap.captions} l={l} />
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
        {speaker ? null : (
          <section id="polls-section" hidden={visiblePolls.length === 0}>
            <h2>{T.poll[l]}</h2>
            {snap.settings.openVoting ? (
              <p class="muted" id="open-voting">
                {T.openVoting[l]}
              </p>
            ) : null}
            <div id="polls">
              {visiblePolls.map((p) => (
                <PollView
                  p={p}
                  l={l}
                  action={canVote ? `/e/${event.slug}/live/polls/${p.id}/vote` : undefined}
                  mine={ballots[p.id]}
                  hidden={hidden}
                />
              ))}
            </div>
          </section>
        )}
        {voting === 'ticketNeeded' || voting === 'capped' ? (
          <p class="notice" id="vote-note">
            {voting === 'capped' ? T.votersCapped[l] : T.ticketToVote[l]}
          </p>
        ) : null}
        <QaSection view={props.view} l={l} hidden={hidden} />
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
    </>
  );
}

/** The Q&A: the form to ask (or a notice that it is closed), the sort links and the questions. */
function QaSection(props: { view: LiveView; l: Locale; hidden: Record<string, string> }) {
  const { l, hidden } = props;
  const { event, snap, questions, ticket, speaker, channel, voted, people, query, voting } = props.view;
  const canVote = voting === 'ticket' || voting === 'open';
  return (
    <section id="qa">
      <h2>{T.qa[l]}</h2>
      {speaker ? null : snap.settings.qaOpen ? (
        <form id="ask-form" method="post" action={`/e/${event.slug}/live/ask`} class="card">
          <input type="hidden" name="t" value={ticket?.code ?? ''} />
          <label for="q-text">{T.yourQuestion[l]}</label>
          <textarea id="q-text" name="text" required minLength={3} maxLength={500} />
          {onlyChannel(event) ? (
            // One place to ask from (a webinar, a hall-only seminar): nothing to choose.
            <input type="hidden" name="channel" value={channel} />
          ) : (
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
          )}
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
            voteAction={canVote ? `/e/${event.slug}/live/questions/${q.id}/vote` : undefined}
            hidden={hidden}
          />
        ))}
      </ol>
      <p id="no-questions" class="muted" hidden={questions.length > 0}>
        {/* A speaker does not ask here: "be the first" is the audience's line. */}
        {speaker ? T.noQuestionsForYou[l] : T.noQuestions[l]}
      </p>
    </section>
  );
}
