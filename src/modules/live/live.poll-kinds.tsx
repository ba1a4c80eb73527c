import type { FastifyRequest } from 'fastify';
import type { Locale, Text } from '../../i18n/index.js';
import { LIMITS, type PollDto } from '../../shared/realtime.js';
import { CsrfField } from '../../web/page.js';

// Word clouds, open questions and ratings on the server-rendered pages: the participant's form (it
// works without JavaScript), the results, and the moderators' approval of open answers. The islands
// draw the same from live updates (client/_poll-kinds.ts).

const K = {
  wordcloud: { id: 'Awan kata', en: 'Word cloud' },
  open: { id: 'Jawaban terbuka', en: 'Open text' },
  rating: { id: 'Penilaian 1–5', en: 'Rating 1–5' },
  words: { id: 'Satu sampai tiga kata', en: 'One to three words' },
  answer: { id: 'Jawaban Anda', en: 'Your answer' },
  send: { id: 'Kirim', en: 'Send' },
  noWords: { id: 'Belum ada kata.', en: 'No words yet.' },
  noAnswers: { id: 'Belum ada jawaban yang ditampilkan.', en: 'No answers shown yet.' },
  average: { id: 'Rata-rata', en: 'Average' },
  respondents: { id: 'responden', en: 'respondents' },
  moderated: {
    id: 'Jawaban tampil setelah disetujui moderator.',
    en: 'Answers show once a moderator approves them.',
  },
  approve: { id: 'Setujui', en: 'Approve' },
  dismiss: { id: 'Tolak', en: 'Dismiss' },
  pending: { id: 'menunggu', en: 'pending' },
  approved: { id: 'tampil', en: 'shown' },
  dismissed: { id: 'ditolak', en: 'dismissed' },
  mine: { id: 'Jawaban Anda tercatat', en: 'Your answer is recorded' },
} satisfies Record<string, Text>;

/** The kinds beside single and multiple choice, for the new-poll form. */
export function PollKindChoices(props: { l: Locale }) {
  return (
    <>
      {(['wordcloud', 'open', 'rating'] as const).map((k) => (
        <label class="inline">
          <input type="radio" name="kind" value={k} /> {K[k][props.l]}
        </label>
      ))}
    </>
  );
}

/** Relative sizes of a cloud's words: the most given word largest, on a square-root scale. */
function cloudSizes(words: PollDto['words']): number[] {
  const max = Math.max(1, ...words.map((w) => w.count));
  return words.map((w) => Math.round((0.9 + 2.1 * Math.sqrt(w.count / max)) * 100) / 100);
}

/** The cloud without JavaScript: biggest words in the middle, the rest alternating around them. */
function Cloud(props: { p: PollDto; l: Locale }) {
  const { words } = props.p;
  if (!words.length) return <p class="muted">{K.noWords[props.l]}</p>;
  const sizes = cloudSizes(words);
  const order: number[] = [];
  words.forEach((_, i) => {
    if (i % 2) order.push(i);
    else order.unshift(i);
  });
  return (
    <p class="cloud" data-cloud={props.p.id}>
      {order.map((i) => (
        <span style={`font-size:${sizes[i]}em`} title={String(words[i]!.count)}>
          {words[i]!.text}
        </span>
      ))}
    </p>
  );
}

function Rating(props: { p: PollDto; l: Locale }) {
  const r = props.p.rating ?? { average: null, count: 0, distribution: [0, 0, 0, 0, 0] };
  const max = Math.max(1, ...r.distribution);
  return (
    <>
      <p class="rating-avg">
        {K.average[props.l]}:{' '}
        <strong>
          {r.average === null
            ? '–'
            : r.average.toLocaleString(props.l === 'id' ? 'id-ID' : 'en-GB', {
                minimumFractionDigits: 1,
                maximumFractionDigits: 1,
              })}
        </strong>{' '}
        / 5
      </p>
      <ul class="results">
        {r.distribution.map((n, i) => (
          <li>
            <span class="label">{'★'.repeat(i + 1)}</span>
            <span class="bar" style={`width:${Math.round((n / max) * 100)}%`} />
            <span class="n">{n}</span>
          </li>
        ))}
      </ul>
    </>
  );
}

/** A word cloud, open question or rating: the form while the reader may answer, the results otherwise. */
export function KindPollView(props: {
  p: PollDto;
  l: Locale;
  action?: string;
  mine?: string[];
  hidden?: Record<string, string>;
  canVote: boolean;
}) {
  const { p, l } = props;
  const form = props.canVote ? (
    <form method="post" action={props.action} data-kind={p.kind}>
      {Object.entries(props.hidden ?? {}).map(([k, v]) => (
        <input type="hidden" name={k} value={v} />
      ))}
      {p.kind === 'rating' ? (
        <fieldset class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label class="inline">
              <input type="radio" name="rating" value={String(n)} required /> {n}
            </label>
          ))}
        </fieldset>
      ) : (
        <>
          <label for={`a-${p.id}`}>{p.kind === 'wordcloud' ? K.words[l] : K.answer[l]}</label>
          <input
            id={`a-${p.id}`}
            name="text"
            required
            autocomplete="off"
            maxLength={p.kind === 'wordcloud' ? LIMITS.wordMax * 3 + 2 : LIMITS.openAnswerMax}
          />
        </>
      )}
      <button type="submit">{K.send[l]}</button>
    </form>
  ) : null;
  const mine =
    props.mine?.length && p.kind !== 'rating' ? (
      <p class="muted">
        {K.mine[l]}: {props.mine.join(' ')}
      </p>
    ) : null;
  return (
    <div class="card poll" data-id={p.id} data-kind={p.kind}>
      <h3>{p.question}</h3>
      {form}
      {mine}
      {p.kind === 'wordcloud' ? <Cloud p={p} l={l} /> : null}
      {p.kind === 'rating' && !props.canVote ? <Rating p={p} l={l} /> : null}
      {p.kind === 'open' ? (
        <>
          {props.canVote ? <p class="muted">{K.moderated[l]}</p> : null}
          {p.answers.filter((a) => a.status === 'approved').length ? (
            <ul class="answers">
              {p.answers
                .filter((a) => a.status === 'approved')
                .map((a) => (
                  <li>{a.text}</li>
                ))}
            </ul>
          ) : (
            <p class="muted">{K.noAnswers[l]}</p>
          )}
        </>
      ) : null}
      <p class="muted">
        {p.voters} {K.respondents[l]}
      </p>
    </div>
  );
}

/** An open poll's answers for the moderators: each with approve or dismiss (plain forms). */
export function OpenAnswersControl(props: { req: FastifyRequest; base: string; p: PollDto }) {
  const { req, base, p } = props;
  const l = req.locale;
  if (p.kind !== 'open' || !p.answers.length) return null;
  return (
    <ul class="answers-mod" style="list-style:none;padding:0">
      {p.answers.map((a) => (
        <li
          data-answer={a.id}
          style="display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin:.3rem 0"
        >
          <span class={`badge ${a.status === 'approved' ? 'ok' : a.status === 'pending' ? 'warn' : ''}`}>
            {K[a.status][l]}
          </span>{' '}
          {a.text}{' '}
          {(['approved', 'dismissed'] as const)
            .filter((s) => s !== a.status)
            .map((s) => (
              <form method="post" action={`${base}/polls/${p.id}/answers/${a.id}`} style="margin:0">
                <CsrfField req={req} />
                <input type="hidden" name="status" value={s} />
                <button type="submit" class={s === 'dismissed' ? 'secondary' : ''}>
                  {s === 'approved' ? K.approve[l] : K.dismiss[l]}
                </button>
              </form>
            ))}
        </li>
      ))}
    </ul>
  );
}

/**
 * The kinds on the projector and the overlay (client/_poll-kinds.ts draws them): the word cloud
 * takes the poll box's free height, laid out inside it; ratings and open answers read from afar.
 */
export const KIND_SCREEN_CSS = `
.main .poll[data-kind=wordcloud]{display:flex;flex-direction:column}
.main .poll[data-kind=wordcloud] .results{flex:1 1 0;min-height:6em;position:relative}
.cloud-stage{position:absolute;inset:0;overflow:hidden}
.cloud-stage span{font-weight:700}
.w0{color:#ffd166}.w1{color:#9ec5ff}.w2{color:#fff}.w3{color:#7be0ad}.w4{color:#ffadad}
.cloud{display:flex;flex-wrap:wrap;justify-content:center;align-items:center;gap:.1em .5em;margin:0;line-height:1.1}
.cloud span{font-weight:700;overflow-wrap:anywhere}
.rating-avg{margin:.2em 0;font-size:1.1em}.rating.big .rating-avg{font-size:1.8em}
.answers{list-style:none;padding:0;margin:0}.answers li{margin:.3em 0;padding:.3em .5em;background:rgba(255,255,255,.1);border-radius:.3em;overflow-wrap:anywhere}
.poll .results li.kind{display:block}
`;
