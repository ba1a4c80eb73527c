import type { PollDto, QuestionDto, StageDto } from '../src/shared/realtime.js';
import { $, h, L, tr } from './_live-dom.js';
import { isKindPoll, kindPollEl } from './_poll-kinds.js';

// The participant page's views (live page and speaker's phone), built from messages with text nodes only.

const T = {
  pending: { id: 'Menunggu persetujuan moderator', en: 'Waiting for the moderator' },
  pollVote: { id: 'Pilih', en: 'Vote' },
};

/** How one question shows for this reader. */
export interface QuestionView {
  voted: boolean;
  /** The reader's own question, still waiting for the moderator. */
  pending: boolean;
  mine: boolean;
  onScreen: boolean;
  /** The speaker's view: counts without vote buttons. */
  readOnly: boolean;
}

export function questionEl(q: QuestionDto, v: QuestionView): HTMLElement {
  const { pending } = v;
  const isVoted = v.voted;
  const meta = h(
    'p',
    { class: 'meta' },
    h('span', { class: `badge origin-${q.channel}` }, q.channel === 'onsite' ? tr(L.hall) : tr(L.online)),
    ' ',
    h('span', { class: 'author' }, q.author ?? tr(L.anon)),
    q.speaker ? h('span', { class: 'muted' }, ` → ${q.speaker.name}`) : null,
    q.status === 'answered' ? h('span', { class: 'badge ok' }, tr(L.answered)) : null,
    pending ? h('span', { class: 'badge warn' }, tr(T.pending)) : null,
  );
  const votes =
    v.readOnly || pending
      ? h('p', { class: 'votes' }, '▲ ', h('span', { class: 'n' }, String(q.votes)), ` ${tr(L.votes)}`)
      : h(
          'form',
          { class: 'vote', 'data-id': q.id },
          h(
            'button',
            {
              type: 'submit',
              class: isVoted ? '' : 'secondary',
              'aria-pressed': isVoted ? 'true' : 'false',
            },
            '▲ ',
            h('span', { class: 'n' }, String(q.votes)),
            ' ',
            h('span', { class: 'sr' }, tr(L.votes)),
          ),
        );
  const cls = `question${q.status === 'answered' ? ' answered' : ''}${pending || v.mine ? ' mine' : ''}${v.onScreen ? ' on-screen' : ''}`;
  return h('li', { class: cls, 'data-id': q.id }, h('p', { class: 'qtext' }, q.text), meta, votes);
}

/** A poll: the ballot while open and not yet answered, the results otherwise. */
export function pollEl(p: PollDto, my: string[] | undefined, readOnly: boolean): HTMLElement {
  // Word clouds, open questions and ratings draw themselves (client/_poll-kinds.ts).
  if (isKindPoll(p)) return kindPollEl(p, my, readOnly);
  const total = Math.max(
    1,
    p.options.reduce((n, o) => n + o.votes, 0),
  );
  const body =
    p.status === 'open' && !my?.length && !readOnly
      ? h(
          'form',
          { 'data-poll': p.id },
          ...p.options.map((o) =>
            h(
              'label',
              { class: 'inline' },
              h('input', { type: p.kind === 'single' ? 'radio' : 'checkbox', name: 'option', value: o.id }),
              ` ${o.label}`,
            ),
          ),
          h('button', { type: 'submit' }, tr(T.pollVote)),
        )
      : h(
          'ul',
          { class: 'results' },
          ...p.options.map((o) =>
            h(
              'li',
              { 'data-option': o.id },
              h('span', { class: 'label' }, `${my?.includes(o.id) ? '✓ ' : ''}${o.label}`),
              h('span', { class: 'bar', style: `width:${Math.round((o.votes / total) * 100)}%` }),
              h('span', { class: 'n' }, String(o.votes)),
            ),
          ),
        );
  return h(
    'div',
    { class: 'card poll', 'data-id': p.id },
    h('h3', {}, p.question),
    body,
    h(
      'p',
      { class: 'muted' },
      `${p.voters} ${tr(L.respondents)}${p.status === 'closed' ? ` · ${tr(L.closed)}` : ''}`,
    ),
  );
}

/** Now / next, the people on stage and the timer. */
export function renderStage(
  s: StageDto,
  setTimer: (s: StageDto) => void,
  when?: { starts: number; ends: number },
): void {
  const now = $('stage-now');
  if (now) now.textContent = s.now ? s.now.title : idleText(when);
  const people = $('stage-people');
  if (people) {
    people.replaceChildren(
      ...(s.now?.people ?? []).map((p) =>
        h(
          'li',
          {},
          h('strong', {}, p.fullName),
          p.position ? h('span', { class: 'muted' }, ` — ${p.position}`) : null,
          ' ',
          h('span', { class: 'badge' }, p.presence === 'online' ? tr(L.online) : tr(L.hall)),
        ),
      ),
    );
  }
  const next = $('stage-next');
  if (next) next.textContent = s.next?.title ?? '';
  const wrap = $('stage-next-wrap');
  if (wrap) wrap.hidden = !s.next;
  const kind = $('stage-kind');
  if (kind && !s.now) kind.textContent = '';
  setTimer(s);
}

/** The stage with nothing on it: "not started" only before the start (the server's idleStageText). */
function idleText(when?: { starts: number; ends: number }): string {
  const t = Date.now();
  if (!when || !Number.isFinite(when.starts) || t < when.starts) return tr(L.notStarted);
  return t <= when.ends ? tr(L.underway) : tr(L.ended);
}
