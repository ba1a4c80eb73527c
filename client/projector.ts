import type { PollDto, ServerMessage, StageDto } from '../src/shared/realtime.js';
import { captionBand } from './_captions.js';
import { openLive } from './_live-conn.js';
import { $, h, L, stageTimer, tr } from './_live-dom.js';
import { applyLiveMessage, emptyLiveState, PUBLIC_VIEW } from './_live-state.js';
import { isKindPoll, renderKindScreen } from './_poll-kinds.js';

// The hall projector and the stream overlay (OBS browser source): follow the stage and the screen.

/** Whether a box shows all of its content (nothing cut at its edges). */
const fits = (el: HTMLElement) =>
  el.scrollHeight <= el.clientHeight + 1 && el.scrollWidth <= el.clientWidth + 1;

/**
 * Shrinks the text of a `.fit` box (its CSS scales the font by `--k`) until everything in it shows:
 * a 500-character question, a 10-option poll or a long title stays on the screen, only smaller.
 */
function fitBox(el: HTMLElement): void {
  el.style.setProperty('--k', '1');
  if (el.hidden || fits(el)) return;
  let lo = 0.15;
  let hi = 1;
  for (let i = 0; i < 9; i++) {
    const mid = (lo + hi) / 2;
    el.style.setProperty('--k', String(mid));
    if (fits(el)) lo = mid;
    else hi = mid;
  }
  el.style.setProperty('--k', String(lo));
}

const px = (sel: string) => {
  const el = document.querySelector(sel);
  return el ? Number.parseFloat(getComputedStyle(el).fontSize) : Number.POSITIVE_INFINITY;
};

/**
 * The projector shows a question and a poll side by side: a long question wants width, a poll with many
 * options wants it too. Of a few splits, keep the one whose smaller text is largest.
 */
function balance(q: HTMLElement, poll: HTMLElement): void {
  let best = { grow: '1', size: -1 };
  for (const grow of ['0.6', '0.8', '1', '1.25', '1.6']) {
    q.style.flexGrow = grow;
    fitBox(q);
    fitBox(poll);
    const size = Math.min(px('#screen-q-text'), px('#screen-poll-results li'), px('#screen-poll-q'));
    if (size > best.size) best = { grow, size };
  }
  q.style.flexGrow = best.grow;
}

function fitAll(): void {
  const q = document.querySelector<HTMLElement>('.main #screen-q');
  const poll = document.querySelector<HTMLElement>('.main #screen-poll');
  if (q && poll && !q.hidden && !poll.hidden) balance(q, poll);
  else if (q) q.style.flexGrow = '';
  for (const el of document.querySelectorAll<HTMLElement>('.fit')) fitBox(el);
  document.body.dataset.fitted = String(Number(document.body.dataset.fitted ?? 0) + 1);
}

/** The results of the poll on screen (the poll kinds plug in their own drawing here). */
function pollBody(p: PollDto): HTMLElement[] {
  const total = Math.max(
    1,
    p.options.reduce((n, o) => n + o.votes, 0),
  );
  return p.options.map((o) =>
    h(
      'li',
      {},
      h('span', { class: 'label-o' }, o.label),
      h('span', { class: 'bar', style: `width:${Math.round((o.votes / total) * 100)}%` }),
      h('span', { class: 'n' }, String(o.votes)),
    ),
  );
}

const root = document.getElementById('screen-root');
if (root) start(root);

function start(root: HTMLElement) {
  const view = root.dataset.view === 'overlay' ? 'overlay' : 'projector';
  const tz = root.dataset.tz || 'Asia/Jakarta';
  // A public screen in the hall or on the stream: the participants' view of the room.
  const state = emptyLiveState();
  const setTimer = stageTimer($('stage-timer'), tz);

  function renderStage(s: StageDto) {
    if (view === 'overlay') {
      const p = s.now?.people[0];
      const lower = $('lower');
      if (lower) lower.hidden = !p;
      const name = $('lower-name');
      if (name) name.textContent = p?.fullName ?? '';
      const pos = $('lower-pos');
      if (pos) pos.textContent = [p?.position, p?.institution].filter(Boolean).join(', ');
      return;
    }
    const now = $('stage-now');
    if (now && s.now) now.textContent = s.now.title;
    $('stage-people')?.replaceChildren(
      ...(s.now?.people ?? []).map((p) =>
        h('li', {}, p.fullName, p.position ? h('span', {}, ` — ${p.position}`) : null),
      ),
    );
    const next = $('stage-next');
    if (next) next.textContent = s.next?.title ?? '';
    const wrap = $('stage-next-wrap');
    if (wrap) wrap.hidden = !s.next;
    setTimer(s);
  }

  function renderScreen() {
    const { screen, polls } = state;
    const q = screen.question;
    const box = $('screen-q');
    if (box) box.hidden = !q;
    const text = $('screen-q-text');
    if (text) text.textContent = q?.text ?? '';
    const meta = $('screen-q-meta');
    if (meta) {
      meta.textContent = q
        ? `${q.channel === 'onsite' ? tr(L.hall) : tr(L.online)} · ${q.author ?? tr(L.anon)}${view === 'projector' && q.speaker ? ` → ${q.speaker.name}` : ''}`
        : '';
    }
    const pollBox = $('screen-poll');
    if (!pollBox) return;
    const p = screen.pollId ? polls.get(screen.pollId) : undefined;
    pollBox.hidden = !p;
    if (!p) return;
    pollBox.dataset.id = p.id;
    const qEl = $('screen-poll-q');
    if (qEl) qEl.textContent = p.question;
    // Results of open participation (no ticket needed) say so.
    const open = $('screen-poll-open');
    if (open) open.hidden = !state.settings.openVoting;
    pollBox.dataset.kind = p.kind;
    const results = $('screen-poll-results');
    // Word clouds (drawn as a cloud), open answers and ratings: client/_poll-kinds.ts.
    if (results && isKindPoll(p)) renderKindScreen(results, p, view);
    else results?.replaceChildren(...pollBody(p));
  }

  // One fit per frame, after whatever changed has been drawn.
  let fitting = false;
  const refit = () => {
    if (fitting) return;
    fitting = true;
    requestAnimationFrame(() => {
      fitting = false;
      fitAll();
    });
  };
  window.addEventListener('resize', refit);
  refit();

  const band = captionBand(view);
  function onMessage(m: ServerMessage) {
    const change = applyLiveMessage(state, m, PUBLIC_VIEW);
    if (band && (change === 'all' || change === 'captions')) band(state.captions);
    if (change === 'all' || change === 'stage') renderStage(state.stage!);
    if (change !== 'stage' && change !== 'captions') renderScreen();
    refit();
  }

  openLive({
    eventId: root.dataset.event!,
    onMessage,
    onState: (s) => {
      root.dataset.conn = s;
    },
  });
}
