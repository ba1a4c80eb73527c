import type { ServerMessage, StageDto } from '../src/shared/realtime.js';
import { openLive } from './_live-conn.js';
import { $, h, L, stageTimer, tr } from './_live-dom.js';
import { applyLiveMessage, emptyLiveState, PUBLIC_VIEW } from './_live-state.js';

// The hall projector and the stream overlay (OBS browser source): follow the stage and the screen.

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
    const total = Math.max(
      1,
      p.options.reduce((n, o) => n + o.votes, 0),
    );
    $('screen-poll-results')?.replaceChildren(
      ...p.options.map((o) =>
        h(
          'li',
          {},
          h('span', { class: 'label-o' }, o.label),
          h('span', { class: 'bar', style: `width:${Math.round((o.votes / total) * 100)}%` }),
          h('span', { class: 'n' }, String(o.votes)),
        ),
      ),
    );
  }

  function onMessage(m: ServerMessage) {
    const change = applyLiveMessage(state, m, PUBLIC_VIEW);
    if (change === 'all' || change === 'stage') renderStage(state.stage!);
    if (change !== 'stage' && change !== 'settings') renderScreen();
  }

  openLive({
    eventId: root.dataset.event!,
    onMessage,
    onState: (s) => {
      root.dataset.conn = s;
    },
  });
}
