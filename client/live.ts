import type { QuestionDto, ServerMessage, SettingsDto } from '../src/shared/realtime.js';
import { renderCaptionLines, renderSpeakerCue } from './_captions.js';
import { openLive } from './_live-conn.js';
import { $, h, L, lang, stageTimer, tr } from './_live-dom.js';
import { applyLiveMessage, emptyLiveState, PUBLIC_VIEW } from './_live-state.js';
import { pollEl, type QuestionView, questionEl, renderStage } from './_live-views.js';
import { kindAnswer } from './_poll-kinds.js';

// The participant's live page (and the speaker's view): keeps the server-rendered page current.

const T = {
  sent: {
    id: 'Pertanyaan terkirim. Moderator akan meninjaunya.',
    en: 'Question sent. A moderator will review it.',
  },
  shown: { id: 'Pertanyaan terkirim dan sudah tampil.', en: 'Question sent and shown.' },
  yours: { id: 'Pertanyaan Anda', en: 'Your question' },
  failed: {
    id: 'Gagal mengirim. Periksa koneksi lalu coba lagi.',
    en: 'Could not send. Check your connection and try again.',
  },
  pollThanks: { id: 'Terima kasih, pilihan Anda tercatat.', en: 'Thank you, your choice is recorded.' },
  attended: { id: 'Kehadiran Anda tercatat. Terima kasih!', en: 'Your attendance is recorded. Thank you!' },
  choose: { id: 'Pilih salah satu pilihan.', en: 'Choose an option.' },
};

const root = $('live-root');
if (root) start(root);

function start(root: HTMLElement) {
  const d = root.dataset;
  const eventId = d.event!;
  const ticket = d.ticket || null;
  const speakerId = d.speaker || null;
  // One person, one vote: without a ticket (or open participation) the page only shows the counts.
  const canVote = d.voting === 'ticket' || d.voting === 'open';
  const tz = d.tz || 'Asia/Jakarta';
  const state = emptyLiveState();
  const voted = new Set<string>(JSON.parse(d.voted || '[]') as string[]);
  const ballots = JSON.parse(d.ballots || '{}') as Record<string, string[]>;
  const mine = new Map<string, QuestionDto>(
    (JSON.parse(sessionStorage.getItem(`aula-mine-${eventId}`) || '[]') as QuestionDto[]).map((q) => [
      q.id,
      q,
    ]),
  );
  let sort: 'votes' | 'time' = new URLSearchParams(location.search).get('sort') === 'time' ? 'time' : 'votes';
  const setTimer = stageTimer($('stage-timer'), tz);
  const json = (body: unknown) => ({
    method: 'POST',
    credentials: 'same-origin' as const,
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify(body),
  });
  const errorText = async (r: Response) => {
    try {
      return ((await r.json()) as { error?: { message?: string } }).error?.message ?? tr(T.failed);
    } catch {
      return tr(T.failed);
    }
  };

  let scheduled = false;
  const render = () => {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      renderQuestions();
      renderPolls();
    });
  };

  function saveMine() {
    sessionStorage.setItem(`aula-mine-${eventId}`, JSON.stringify([...mine.values()]));
  }

  const view = (q: QuestionDto, pending: boolean): QuestionView => ({
    voted: voted.has(q.id),
    pending,
    mine: mine.has(q.id),
    onScreen: state.screen.question?.id === q.id,
    readOnly: !!speakerId || !canVote,
  });

  function renderQuestions() {
    const list = $('questions');
    if (!list) return;
    const shown = [...state.questions.values()].filter((q) => !speakerId || q.speaker?.id === speakerId);
    shown.sort((a, b) =>
      sort === 'time'
        ? b.createdAt.localeCompare(a.createdAt)
        : b.votes - a.votes || a.createdAt.localeCompare(b.createdAt),
    );
    // Own questions still waiting for the moderator stay visible to their author only.
    const waiting = speakerId
      ? []
      : [...mine.values()].filter((q) => !state.questions.has(q.id) && q.status === 'pending');
    list.replaceChildren(
      ...waiting.map((q) => questionEl(q, view(q, true))),
      ...shown.map((q) => questionEl(q, view(q, false))),
    );
    const none = $('no-questions');
    if (none) none.hidden = shown.length + waiting.length > 0;
  }

  function renderPolls() {
    const box = $('polls');
    const section = $('polls-section');
    if (!box || !section) return;
    // Keep a half-filled ballot: do not rebuild a form the participant is using.
    const active = document.activeElement?.closest('form[data-poll]') as HTMLFormElement | null;
    // The poll running now comes first (the section itself sits above the questions).
    const list = [...state.polls.values()].sort(
      (a, b) => Number(b.status === 'open') - Number(a.status === 'open'),
    );
    const els = list.map((p) =>
      active && active.dataset.poll === p.id && p.status === 'open'
        ? active.closest('.poll')!
        : pollEl(p, ballots[p.id], !!speakerId || !canVote),
    );
    box.replaceChildren(...els);
    section.hidden = list.length === 0;
  }

  function renderSettings(s: SettingsDto) {
    const form = $('ask-form');
    if (form) form.hidden = !s.qaOpen;
  }

  function onMessage(m: ServerMessage) {
    const change = applyLiveMessage(state, m, PUBLIC_VIEW);
    if (change === 'all' || change === 'stage')
      renderStage(state.stage!, setTimer, { starts: Number(d.starts), ends: Number(d.ends) });
    if (change === 'all' || change === 'settings') renderSettings(state.settings);
    if (change === 'all' || change === 'captions') renderCaptionLines(state.captions);
    if (speakerId && (change === 'all' || change === 'stage')) renderSpeakerCue(state.stage!);
    // The reader's own questions follow the moderator's decisions (shown, or gone).
    if ((m.t === 'q' || m.t === 'q.remove') && mine.has(m.d.id)) {
      if (m.t === 'q') mine.set(m.d.id, m.d);
      else mine.delete(m.d.id);
      saveMine();
    }
    render();
  }

  const conn = $('conn');
  openLive({
    eventId,
    onMessage,
    onState: (s) => {
      if (conn) conn.textContent = tr(L[s]);
      root.dataset.conn = s;
    },
  });

  // Ask
  const ask = $('ask-form') as HTMLFormElement | null;
  ask?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(ask);
    const msg = $('ask-msg');
    const button = ask.querySelector('button[type=submit]') as HTMLButtonElement | null;
    if (button) button.disabled = true;
    try {
      const r = await fetch(
        `/api/v1/events/${eventId}/questions?lang=${lang()}`,
        json({
          text: String(f.get('text') ?? ''),
          channel: f.get('channel') === 'online' ? 'online' : 'onsite',
          ...(f.get('authorName') ? { authorName: String(f.get('authorName')) } : {}),
          anonymous: f.get('anonymous') === 'on',
          ...(ticket ? { ticketCode: ticket } : {}),
          ...(f.get('speakerId') ? { speakerId: String(f.get('speakerId')) } : {}),
        }),
      );
      if (!r.ok) {
        if (msg) msg.textContent = await errorText(r);
        return;
      }
      const q = (await r.json()) as QuestionDto;
      mine.set(q.id, q);
      saveMine();
      if (q.status !== 'pending') state.questions.set(q.id, q);
      (ask.elements.namedItem('text') as HTMLTextAreaElement).value = '';
      if (msg) msg.textContent = tr(q.status === 'pending' ? T.sent : T.shown);
      render();
    } catch {
      if (msg) msg.textContent = tr(T.failed);
    } finally {
      if (button) button.disabled = false;
    }
  });

  // Vote (and take back a vote)
  $('questions')?.addEventListener('submit', async (e) => {
    const form = (e.target as HTMLElement).closest('form.vote') as HTMLFormElement | null;
    if (!form) return;
    e.preventDefault();
    const id = form.dataset.id ?? form.closest('li')?.dataset.id;
    if (!id) return;
    const on = !voted.has(id);
    const r = await fetch(`/api/v1/questions/${id}/votes?lang=${lang()}`, {
      ...json(ticket ? { ticketCode: ticket } : {}),
      method: on ? 'POST' : 'DELETE',
    }).catch(() => null);
    if (!r?.ok) return;
    const body = (await r.json()) as { votes: number; voted: boolean };
    if (body.voted) voted.add(id);
    else voted.delete(id);
    const q = state.questions.get(id);
    if (q) q.votes = body.votes;
    render();
  });

  // Polls
  $('polls')?.addEventListener('submit', async (e) => {
    const form = (e.target as HTMLElement).closest('form') as HTMLFormElement | null;
    if (!form) return;
    e.preventDefault();
    const id = form.dataset.poll ?? form.closest('.poll')?.getAttribute('data-id');
    const optionIds = [...form.querySelectorAll<HTMLInputElement>('input[name=option]:checked')].map(
      (i) => i.value,
    );
    if (!id) return;
    // Word clouds and open polls send text, ratings a rating (client/_poll-kinds.ts).
    const kind = kindAnswer(form);
    if (kind && 'missing' in kind) {
      form.append(h('p', { role: 'alert' }, kind.missing));
      return;
    }
    if (!kind && !optionIds.length) {
      form.append(h('p', { role: 'alert' }, tr(T.choose)));
      return;
    }
    const r = await fetch(
      `/api/v1/polls/${id}/votes?lang=${lang()}`,
      json({ ...(kind ?? { optionIds }), ...(ticket ? { ticketCode: ticket } : {}) }),
    ).catch(() => null);
    if (!r) return;
    if (!r.ok) {
      form.append(h('p', { role: 'alert' }, await errorText(r)));
      return;
    }
    const body = (await r.json()) as { optionIds: string[] };
    ballots[id] = body.optionIds;
    (document.activeElement as HTMLElement | null)?.blur();
    render();
  });

  // Sort
  $('sort')?.addEventListener('click', (e) => {
    const a = (e.target as HTMLElement).closest('a[data-sort]') as HTMLAnchorElement | null;
    if (!a) return;
    e.preventDefault();
    sort = a.dataset.sort === 'time' ? 'time' : 'votes';
    for (const x of $('sort')!.querySelectorAll('a')) x.removeAttribute('aria-current');
    a.setAttribute('aria-current', 'true');
    render();
  });

  // The stream loads only when asked for: a YouTube player is heavier than the whole page.
  const watch = $('watch-btn') as HTMLAnchorElement | null;
  watch?.addEventListener('click', (e) => {
    const src = watch.dataset.embed;
    if (!src) return;
    e.preventDefault();
    watch.replaceWith(
      h('iframe', {
        src: `${src}?autoplay=1`,
        title: watch.textContent ?? '',
        allow: 'autoplay; encrypted-media; picture-in-picture',
        allowfullscreen: true,
      }),
    );
  });

  // Attendance code (the attendance module's route)
  const att = $('attendance-form') as HTMLFormElement | null;
  att?.addEventListener('submit', async (e) => {
    e.preventDefault();
    const f = new FormData(att);
    const out = $('attendance-msg');
    const r = await fetch(
      `/api/v1/events/${eventId}/attendance?lang=${lang()}`,
      json({ ticketCode: String(f.get('ticketCode') ?? ''), code: String(f.get('code') ?? '').trim() }),
    ).catch(() => null);
    if (out) out.textContent = !r ? tr(T.failed) : r.ok ? tr(T.attended) : await errorText(r);
    if (r?.ok) (att.elements.namedItem('code') as HTMLInputElement).value = '';
  });
}
