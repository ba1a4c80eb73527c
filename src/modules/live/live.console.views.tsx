import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../i18n/index.js';
import type { PollDto, StageDto } from '../../shared/realtime.js';
import { formatTime } from '../../shared/time.js';
import { CsrfField } from '../../web/page.js';
import type { EventRow } from '../events/index.js';
import { idleStageText, LIVE_CSS, PollView } from './live.components.js';
import { OpenAnswersControl, PollKindChoices } from './live.poll-kinds.js';
import type { LiveService } from './live.service.js';
import { KIND_LABEL, T } from './live.text.js';

// The stage and poll pages of the team's live tools: plain forms that work from any phone.

export const ConsoleNav = ({ base, l }: { base: string; l: Locale }) => (
  <p class="row">
    <a href={`${base}/moderate`}>{T.moderation[l]}</a>
    <a href={`${base}/stage`}>{T.stageControl[l]}</a>
    <a href={`${base}/polls`}>{T.polls[l]}</a>
    <a href={`${base}/captions`}>{l === 'id' ? 'Takarir' : 'Captions'}</a>
    <a href={`${base}/projector`} target="_blank" rel="noopener">
      {T.projector[l]}
    </a>
    <a href={`${base}/overlay`} target="_blank" rel="noopener">
      {T.overlay[l]}
    </a>
  </p>
);

type Rundown = Awaited<ReturnType<LiveService['rundown']>>;

/** Now on stage with the timer, previous/next, and the rundown to put any item on stage. */
export function StageControl(props: {
  req: FastifyRequest;
  event: EventRow;
  stage: StageDto;
  rundown: Rundown;
}) {
  const { req, event, stage, rundown } = props;
  const l = req.locale;
  const base = `/console/events/${event.id}`;
  return (
    <>
      <style>{LIVE_CSS}</style>
      <h1>{T.stageControl[l]}</h1>
      <p class="muted">{event.title}</p>
      <ConsoleNav base={base} l={l} />
      <div class="stage">
        <p class="label">{T.now[l]}</p>
        <h2 id="stage-now">{stage.now?.title ?? idleStageText(event, l)}</h2>
        {stage.endsAt ? (
          <p class="timer">
            {T.until[l]} {formatTime(Date.parse(stage.endsAt), event.timezone, l)}
          </p>
        ) : null}
        <div class="row">
          <form method="post" action={`${base}/stage/step`}>
            <CsrfField req={req} />
            <input type="hidden" name="dir" value="-1" />
            <button class="secondary" type="submit">
              ← {T.previous[l]}
            </button>
          </form>
          <form method="post" action={`${base}/stage/step`}>
            <CsrfField req={req} />
            <input type="hidden" name="dir" value="1" />
            <button type="submit" id="stage-next-btn">
              {T.next[l]} →
            </button>
          </form>
          <form method="post" action={`${base}/stage/set`}>
            <CsrfField req={req} />
            <input type="hidden" name="item" value="" />
            <button class="secondary" type="submit">
              {T.clearStage[l]}
            </button>
          </form>
        </div>
      </div>
      {rundown.length ? null : <p class="notice">{T.noRundown[l]}</p>}
      <ol class="rundown">
        {rundown.map((i) => (
          <li class={stage.now?.id === i.id ? 'on-stage' : ''}>
            <span>
              {formatTime(Date.parse(i.startsAt), event.timezone, l)}
              <br />
              <span class="badge">{KIND_LABEL[i.kind]?.[l] ?? i.kind}</span>
            </span>
            <div>
              <strong>{i.title}</strong>
              {stage.now?.id === i.id ? <span class="badge ok"> {T.onStage[l]}</span> : null}
              <p class="muted" style="margin:.2rem 0">
                {i.people.map((p) => p.fullName).join(', ')}
              </p>
              <form method="post" action={`${base}/stage/set`} class="row">
                <CsrfField req={req} />
                <input type="hidden" name="item" value={i.id} />
                <label class="inline" style="font-weight:400">
                  {T.timer[l]}
                  <input type="number" name="minutes" min={1} max={600} style="width:6rem" />
                </label>
                <button type="submit">{T.putOnStage[l]}</button>
              </form>
            </div>
          </li>
        ))}
      </ol>
    </>
  );
}

/** A new poll, and each poll with its actions (open, close, on screen, delete), newest first. */
export function PollsControl(props: {
  req: FastifyRequest;
  event: EventRow;
  polls: PollDto[];
  screenPollId: string | null;
}) {
  const { req, event, polls } = props;
  const screen = { pollId: props.screenPollId };
  const l = req.locale;
  const base = `/console/events/${event.id}`;
  return (
    <>
      <style>{LIVE_CSS}</style>
      <h1>{T.polls[l]}</h1>
      <p class="muted">{event.title}</p>
      <ConsoleNav base={base} l={l} />
      <form method="post" action={`${base}/polls`} class="card">
        <CsrfField req={req} />
        <h2>{T.newPoll[l]}</h2>
        <label for="poll-q">{T.pollQuestion[l]}</label>
        <input id="poll-q" name="question" required maxLength={200} />
        <label for="poll-o">{T.pollOptions[l]}</label>
        <textarea id="poll-o" name="options" />
        <label class="inline">
          <input type="radio" name="kind" value="single" checked /> {T.single[l]}
        </label>
        <label class="inline">
          <input type="radio" name="kind" value="multiple" /> {T.multiple[l]}
        </label>
        <PollKindChoices l={l} />
        <button type="submit">{T.create[l]}</button>
      </form>
      {polls
        .slice()
        .reverse()
        .map((p) => (
          <div>
            <p>
              <span class={`badge ${p.status === 'open' ? 'ok' : ''}`}>
                {p.status === 'draft' ? T.draft[l] : p.status === 'open' ? T.opened[l] : T.pollClosed[l]}
              </span>{' '}
              {screen.pollId === p.id ? <span class="badge warn">{T.onScreen[l]}</span> : null}
            </p>
            <PollView p={p} l={l} />
            <OpenAnswersControl req={req} base={base} p={p} />
            <div class="row">
              {(
                [
                  p.status !== 'open' ? ['status', 'open', T.open[l]] : ['status', 'closed', T.close[l]],
                  p.status !== 'draft'
                    ? screen.pollId === p.id
                      ? ['onScreen', 'false', T.hide[l]]
                      : ['onScreen', 'true', T.show[l]]
                    : null,
                ].filter(Boolean) as [string, string, string][]
              ).map(([field, value, label]) => (
                <form method="post" action={`${base}/polls/${p.id}`}>
                  <CsrfField req={req} />
                  <input type="hidden" name={field} value={value} />
                  <button type="submit" class={field === 'onScreen' ? 'secondary' : ''}>
                    {label}
                  </button>
                </form>
              ))}
              <form method="post" action={`${base}/polls/${p.id}/delete`}>
                <CsrfField req={req} />
                <button type="submit" class="danger">
                  {T.delete[l]}
                </button>
              </form>
            </div>
          </div>
        ))}
    </>
  );
}
