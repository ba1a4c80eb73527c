import type { PollDto, ScreenDto, ServerMessage, StageDto } from '../src/shared/realtime.js';
import { openLive } from './_live-conn.js';
import { $, h, L, stageTimer, tr } from './_live-dom.js';

// The hall projector and the stream overlay (OBS browser source): follow the stage and the screen.

const root = document.getElementById('screen-root');
if (root) start(root);

function start(root: HTMLElement) {
  const view = root.dataset.view === 'overlay' ? 'overlay' : 'projector';
  const tz = root.dataset.tz || 'Asia/Jakarta';
  const polls = new Map<string, PollDto>();
  let screen: ScreenDto = { question: null, pollId: null };
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
    switch (m.t) {
      case 'snapshot':
        polls.clear();
        for (const p of m.d.polls) polls.set(p.id, p);
        screen = m.d.screen;
        renderStage(m.d.stage);
        break;
      case 'stage':
        renderStage(m.d);
        return;
      case 'screen':
        screen = m.d;
        break;
      case 'q':
        // The question on screen changed (edited, answered) or left the public view.
        if (screen.question?.id === m.d.id)
          screen = {
            ...screen,
            question: m.d.status === 'approved' || m.d.status === 'answered' ? m.d : null,
          };
        break;
      case 'q.remove':
        if (screen.question?.id === m.d.id) screen = { ...screen, question: null };
        break;
      case 'votes':
        if (screen.question && m.d[screen.question.id] !== undefined)
          screen.question.votes = m.d[screen.question.id]!;
        break;
      case 'poll':
        polls.set(m.d.id, m.d);
        break;
      case 'poll.remove':
        polls.delete(m.d.id);
        break;
      case 'poll.votes':
        for (const [id, r] of Object.entries(m.d)) {
          const p = polls.get(id);
          if (!p) continue;
          p.voters = r.voters;
          for (const o of p.options) o.votes = r.options[o.id] ?? o.votes;
        }
        break;
      default:
        return;
    }
    renderScreen();
  }

  openLive({
    eventId: root.dataset.event!,
    onMessage,
    onState: (s) => {
      root.dataset.conn = s;
    },
  });
}
