import type { Locale } from '../../i18n/index.js';
import type { PollDto, QuestionDto, StageDto } from '../../shared/realtime.js';
import { formatTime } from '../../shared/time.js';
import { KindPollView } from './live.poll-kinds.js';
import { KIND_LABEL, T } from './live.text.js';

/** Server-rendered parts of the live pages. The islands rebuild the same markup with textContent. */

/**
 * What the stage says while nothing of the rundown is on it: "not started" is only true before the
 * start; during the event (the stage cleared, or never advanced) and after it, it would be wrong.
 */
export function idleStageText(when: { starts_at: unknown; ends_at: unknown }, l: Locale, now = Date.now()) {
  if (now < Number(when.starts_at)) return T.notStarted[l];
  return now <= Number(when.ends_at) ? T.underway[l] : T.ended[l];
}

export function StageView(props: { stage: StageDto; tz: string; l: Locale; idle: string; big?: boolean }) {
  const { stage, tz, l } = props;
  const now = stage.now;
  return (
    <section class="stage" id="stage" aria-live="polite">
      <p class="label">{T.now[l]}</p>
      <h1 id="stage-now">{now ? now.title : props.idle}</h1>
      <p id="stage-kind" class="muted">
        {now ? (KIND_LABEL[now.kind]?.[l] ?? now.kind) : ''}
      </p>
      <ul id="stage-people" class="people">
        {(now?.people ?? []).map((p) => (
          <li>
            <strong>{p.fullName}</strong>
            {p.position ? <span class="muted"> — {p.position}</span> : null}
            <span class="badge">{p.presence === 'online' ? T.online[l] : T.hall[l]}</span>
          </li>
        ))}
      </ul>
      <p id="stage-timer" class="timer" data-ends={stage.endsAt ?? ''}>
        {stage.endsAt ? `${T.until[l]} ${formatTime(Date.parse(stage.endsAt), tz, l)}` : ''}
      </p>
      <p id="stage-next-wrap" class="muted" hidden={!stage.next}>
        {T.next[l]}: <span id="stage-next">{stage.next?.title ?? ''}</span>
      </p>
    </section>
  );
}

export function QuestionItem(props: {
  q: QuestionDto;
  l: Locale;
  voted: boolean;
  voteAction?: string;
  hidden?: Record<string, string>;
}) {
  const { q, l } = props;
  return (
    <li class={`question${q.status === 'answered' ? ' answered' : ''}`} data-id={q.id}>
      <p class="qtext">{q.text}</p>
      <p class="meta">
        <span class={`badge origin-${q.channel}`}>{q.channel === 'onsite' ? T.hall[l] : T.online[l]}</span>{' '}
        <span class="author">{q.author ?? T.anon[l]}</span>
        {q.speaker ? <span class="muted"> → {q.speaker.name}</span> : null}
        {q.status === 'answered' ? <span class="badge ok">{T.answered[l]}</span> : null}
      </p>
      {props.voteAction ? (
        <form method="post" action={props.voteAction} class="vote">
          {Object.entries(props.hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          <input type="hidden" name="on" value={props.voted ? '0' : '1'} />
          <button
            type="submit"
            class={props.voted ? '' : 'secondary'}
            aria-pressed={props.voted ? 'true' : 'false'}
          >
            ▲ <span class="n">{q.votes}</span> <span class="sr">{T.votes[l]}</span>
          </button>
        </form>
      ) : (
        <p class="votes">
          ▲ <span class="n">{q.votes}</span> {T.votes[l]}
        </p>
      )}
    </li>
  );
}

export function PollView(props: {
  p: PollDto;
  l: Locale;
  action?: string;
  mine?: string[];
  hidden?: Record<string, string>;
}) {
  const { p, l } = props;
  const canVote = props.action && p.status === 'open' && !props.mine?.length;
  if (p.kind !== 'single' && p.kind !== 'multiple') return <KindPollView {...props} canVote={!!canVote} />;
  const total = Math.max(
    1,
    p.options.reduce((n, o) => n + o.votes, 0),
  );
  return (
    <div class="card poll" data-id={p.id}>
      <h3>{p.question}</h3>
      {canVote ? (
        <form method="post" action={props.action}>
          {Object.entries(props.hidden ?? {}).map(([k, v]) => (
            <input type="hidden" name={k} value={v} />
          ))}
          {p.options.map((o) => (
            <label class="inline">
              <input
                type={p.kind === 'single' ? 'radio' : 'checkbox'}
                name="option"
                value={o.id}
                required={p.kind === 'single'}
              />{' '}
              {o.label}
            </label>
          ))}
          <button type="submit">{T.pollVote[l]}</button>
        </form>
      ) : (
        <ul class="results">
          {p.options.map((o) => (
            <li data-option={o.id}>
              <span class="label">
                {props.mine?.includes(o.id) ? '✓ ' : ''}
                {o.label}
              </span>
              <span class="bar" style={`width:${Math.round((o.votes / total) * 100)}%`} />
              <span class="n">{o.votes}</span>
            </li>
          ))}
        </ul>
      )}
      <p class="muted">
        {p.voters} {T.respondents[l]}
        {p.status === 'closed' ? ` · ${T.pollClosed[l]}` : ''}
      </p>
    </div>
  );
}

/** A YouTube link as a privacy-friendly embed address; null for other platforms (shown as a link). */
export function youtubeEmbed(url: string | null): string | null {
  if (!url) return null;
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\.|^m\./, '');
    let id: string | null = null;
    if (host === 'youtu.be') id = u.pathname.slice(1);
    else if (host === 'youtube.com') {
      id = u.searchParams.get('v') ?? u.pathname.match(/^\/(?:live|embed|shorts)\/([^/]+)/)?.[1] ?? null;
    }
    return id && /^[A-Za-z0-9_-]{6,20}$/.test(id) ? `https://www.youtube-nocookie.com/embed/${id}` : null;
  } catch {
    return null;
  }
}

export const LIVE_CSS = `
.cloud{display:flex;flex-wrap:wrap;justify-content:center;align-items:center;gap:.1em .5em;line-height:1.1}.cloud span{font-weight:600}
.stage{border:1px solid var(--line);border-radius:.5rem;padding:.75rem 1rem;background:var(--soft)}
.stage .label{margin:0;font-size:.8rem;text-transform:uppercase;letter-spacing:.05em;color:var(--muted)}
.stage h1{margin:.2rem 0}
.people{list-style:none;padding:0;margin:.25rem 0}.people li{margin:.15rem 0}
.timer{font-variant-numeric:tabular-nums;font-weight:600}
.questions{list-style:none;padding:0;margin:0}
.question{display:grid;grid-template-columns:1fr auto;gap:.25rem .75rem;border-bottom:1px solid var(--line);padding:.6rem 0}
.question .qtext{margin:0;white-space:pre-wrap;overflow-wrap:anywhere;grid-column:1}
.question .meta{margin:0;font-size:.85rem;grid-column:1}
.question .vote,.question .votes{grid-column:2;grid-row:1/span 2;align-self:center;margin:0}
.question.answered .qtext{color:var(--muted)}
.question.mine{background:#fff8c5}
.origin-onsite{background:#ddf4ff;border-color:#54aeff}.origin-online{background:#fbefff;border-color:#d8b9ff}
.sr{position:absolute;left:-999px}
.results{list-style:none;padding:0}.results li{display:grid;grid-template-columns:1fr 3rem;align-items:center;gap:.25rem;margin:.3rem 0}
.results .bar{grid-column:1;grid-row:2;height:.5rem;background:var(--brand);border-radius:.25rem;min-width:2px}
.results .n{grid-column:2;grid-row:1/span 2;text-align:right;font-variant-numeric:tabular-nums}
.watch iframe{width:100%;aspect-ratio:16/9;border:0;border-radius:.5rem}
#conn{font-size:.8rem}
`;
