import type { QuestionDto, QuestionStatus, ServerMessage } from '../src/shared/realtime.js';
import { openLive } from './_live-conn.js';
import { $, h, L, lang, tr } from './_live-dom.js';
import { applyLiveMessage, emptyLiveState, STAFF_VIEW } from './_live-state.js';
import { fillRow, MT, newRow, openEditor, type RowHost } from './_mod-row.js';

// The moderation desk. The list stays still while the moderator works: rows are updated in place and
// keep their places; new questions join at the bottom ("N baru") and vote changes do not move anything
// until the moderator reorders (or the desk is idle with the pointer away from the list). Every action
// can be undone.

const T = {
  all: { id: 'Semua', en: 'All' },
  active: { id: 'Menunggu + tampil', en: 'Waiting + shown' },
  origin: { id: 'Asal', en: 'Origin' },
  status: { id: 'Status', en: 'Status' },
  moderationPre: { id: 'Pertanyaan baru menunggu persetujuan', en: 'New questions wait for approval' },
  qaOpen: { id: 'Tanya jawab dibuka', en: 'Q&A open' },
  openVoting: {
    id: 'Partisipasi terbuka: boleh memilih tanpa tiket',
    en: 'Open participation: voting without a ticket',
  },
  none: { id: 'Tidak ada pertanyaan di sini.', en: 'No questions here.' },
  failed: { id: 'Gagal. Coba lagi.', en: 'Failed. Try again.' },
  fresh: { id: 'baru', en: 'new' },
  reorder: { id: 'Urutkan ulang', en: 'Reorder' },
  undo: { id: 'Urungkan', en: 'Undo' },
  keys: {
    id: 'Tombol: j/k pindah · a setujui · d tolak · s layar · x dijawab · m gabung · e perbaiki · u urungkan',
    en: 'Keys: j/k move · a approve · d dismiss · s screen · x answered · m merge · e edit · u undo',
  },
  did: {
    approved: { id: 'Disetujui', en: 'Approved' },
    dismissed: { id: 'Ditolak', en: 'Dismissed' },
    answered: { id: 'Ditandai dijawab', en: 'Marked answered' },
    pending: { id: 'Dikembalikan ke antrean', en: 'Back to waiting' },
    merged: { id: 'Digabung', en: 'Merged' },
  },
};

type Undo = { label: string; run: () => Promise<boolean> };

const root = $('mod-root');
if (root) start(root);

function start(root: HTMLElement) {
  const eventId = root.dataset.event!;
  const csrf = root.dataset.csrf ?? '';
  const speakers = JSON.parse(root.dataset.speakers || '[]') as { id: string; name: string }[];
  const state = emptyLiveState();
  const filter = { status: 'active', channel: '', speaker: '' };
  const undos: Undo[] = [];

  async function call(method: string, url: string, body?: unknown): Promise<QuestionDto | null> {
    const r = await fetch(`${url}${url.includes('?') ? '&' : '?'}lang=${lang()}`, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    const out = $('mod-msg')!;
    if (!r?.ok) {
      out.textContent = r
        ? (((await r.json().catch(() => null)) as { error?: { message?: string } } | null)?.error?.message ??
          tr(T.failed))
        : tr(T.failed);
      return null;
    }
    out.textContent = '';
    const q = (await r.json().catch(() => null)) as QuestionDto | null;
    if (q && typeof q === 'object' && 'status' in q && 'text' in q) state.questions.set(q.id, q);
    sync();
    return q;
  }
  const patch = (id: string, body: Record<string, unknown>) => call('PATCH', `/api/v1/questions/${id}`, body);

  function remember(label: string, text: string, run: () => Promise<boolean>) {
    undos.push({ label: `${label}: “${text.slice(0, 50)}”`, run });
    if (undos.length > 20) undos.shift();
    showUndo();
  }

  const host: RowHost = {
    speakers,
    find: (id) => state.questions.get(id),
    targets: (q) =>
      [...state.questions.values()]
        .filter((x) => x.id !== q.id && x.status !== 'merged' && x.status !== 'dismissed')
        .sort((a, b) => b.votes - a.votes),
    async status(q, to) {
      const prev = state.questions.get(q.id)?.status ?? q.status;
      if (prev === to || prev === 'merged') return;
      if (await patch(q.id, { status: to }))
        remember(tr(T.did[to]), q.text, async () => !!(await patch(q.id, { status: prev })));
    },
    screen: (q, on) => void patch(q.id, { onScreen: on }),
    speaker: (q, speakerId) => void patch(q.id, { speakerId }),
    text: async (q, text) => !!(await patch(q.id, { text })),
    async merge(q, into) {
      const source = state.questions.get(q.id);
      if (!(await call('POST', `/api/v1/questions/${q.id}/merge`, { into: into.id }))) return;
      if (source)
        state.questions.set(q.id, { ...source, status: 'merged', mergedInto: into.id, onScreen: false });
      sync();
      remember(
        tr(T.did.merged),
        q.text,
        async () => !!(await call('POST', `/api/v1/questions/${q.id}/unmerge`, {})),
      );
    },
    unmerge: (q) => void call('POST', `/api/v1/questions/${q.id}/unmerge`, {}),
  };

  // Settings, counts, filters, the "new" bar and the undo bar.
  const toggle = (id: string, label: string, onchange: (on: boolean) => unknown) => {
    const input = h('input', { type: 'checkbox', id }) as HTMLInputElement;
    input.addEventListener('change', () => onchange(input.checked));
    return { input, label: h('label', { class: 'inline' }, input, ` ${label}`) };
  };
  const settings = (body: Record<string, unknown>) =>
    call('PATCH', `/api/v1/events/${eventId}/live/settings`, body);
  const pre = toggle('mod-pre', tr(T.moderationPre), (on) => settings({ moderation: on ? 'pre' : 'auto' }));
  const open = toggle('mod-open', tr(T.qaOpen), (on) => settings({ qaOpen: on }));
  const voting = toggle('mod-voting', tr(T.openVoting), (on) => settings({ openVoting: on }));
  const select = (id: string, label: string, options: [string, string][], key: keyof typeof filter) => {
    const s = h(
      'select',
      { id },
      ...options.map(([v, t]) => h('option', { value: v }, t)),
    ) as HTMLSelectElement;
    s.value = filter[key];
    s.addEventListener('change', () => {
      filter[key] = s.value;
      reorder();
    });
    return h('label', {}, label, s);
  };
  const counts = h('p', { id: 'mod-counts', class: 'row' });
  const freshBar = h('button', { type: 'button', id: 'mod-new', class: 'secondary', hidden: true });
  freshBar.addEventListener('click', () => reorder());
  const undoBar = h('p', { id: 'mod-undo', class: 'row', hidden: true });
  const list = h('ol', { id: 'mod-list', class: 'questions' });
  const none = h('p', { class: 'muted', id: 'mod-none', hidden: true }, tr(T.none));
  root.replaceChildren(
    h('div', { class: 'mod-settings' }, pre.label, open.label, voting.label),
    counts,
    h(
      'div',
      { class: 'mod-filters' },
      select(
        'f-status',
        tr(T.status),
        [
          ['active', tr(T.active)],
          ...(['pending', 'approved', 'answered', 'dismissed', 'merged'] as const).map(
            (s) => [s, tr(MT[s])] as [string, string],
          ),
          ['', tr(T.all)],
        ],
        'status',
      ),
      select(
        'f-channel',
        tr(T.origin),
        [
          ['', tr(T.all)],
          ['onsite', tr(L.hall)],
          ['online', tr(L.online)],
        ],
        'channel',
      ),
      speakers.length
        ? select(
            'f-speaker',
            tr(MT.speaker),
            [['', tr(T.all)], ...speakers.map((s) => [s.id, s.name] as [string, string])],
            'speaker',
          )
        : null,
    ),
    h('p', { id: 'mod-msg', role: 'alert' }),
    undoBar,
    freshBar,
    list,
    none,
    h('p', { class: 'muted keys' }, tr(T.keys)),
    h('p', { id: 'conn', class: 'muted', 'aria-live': 'polite' }),
  );

  function showUndo() {
    const last = undos.at(-1);
    undoBar.hidden = !last;
    if (!last) return;
    undoBar.replaceChildren(
      h('span', { class: 'undo-label' }, last.label),
      h(
        'button',
        { type: 'button', class: 'secondary', id: 'mod-undo-btn', onclick: () => undo() },
        `↶ ${tr(T.undo)} (u)`,
      ),
    );
  }
  async function undo() {
    const last = undos.pop();
    showUndo();
    if (last && !(await last.run())) undos.push(last);
    showUndo();
  }

  // The list: `order` is what the moderator sees, changed only by reorder().
  const matches = (q: QuestionDto) =>
    (filter.status === 'active'
      ? q.status === 'pending' || q.status === 'approved'
      : filter.status
        ? q.status === filter.status
        : q.status !== 'merged') &&
    (!filter.channel || q.channel === filter.channel) &&
    (!filter.speaker || q.speaker?.id === filter.speaker);
  const rank = (a: QuestionDto, b: QuestionDto) =>
    (a.status === 'pending') === (b.status === 'pending')
      ? b.votes - a.votes || a.createdAt.localeCompare(b.createdAt)
      : a.status === 'pending'
        ? -1
        : 1;
  let order: string[] = [];
  const rows = new Map<string, HTMLElement>();
  let current: string | null = null;
  const fresh = new Set<string>();

  function reorder() {
    order = [...state.questions.values()]
      .filter(matches)
      .sort(rank)
      .map((q) => q.id);
    fresh.clear();
    // A new order: the keys start again from the top.
    current = null;
    sync();
  }

  let scheduled = false;
  function sync() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      order = order.filter((id) => state.questions.has(id));
      // New arrivals (and rows that match the filter again) go below everything: nothing moves.
      for (const q of state.questions.values())
        if (matches(q) && !order.includes(q.id)) {
          order.push(q.id);
          if (!rows.has(q.id)) fresh.add(q.id);
        }
      for (const id of order) {
        const q = state.questions.get(id)!;
        let li = rows.get(id);
        if (!li) {
          li = newRow(q);
          rows.set(id, li);
        }
        fillRow(li, q, host, matches(q));
        li.classList.toggle('current', id === current);
        li.classList.toggle('fresh', fresh.has(id));
      }
      const shownIds = [...list.children].map((c) => (c as HTMLElement).dataset.id);
      if (shownIds.join() !== order.join()) list.replaceChildren(...order.map((id) => rows.get(id)!));
      none.hidden = order.length > 0;
      const sorted = [...state.questions.values()]
        .filter(matches)
        .sort(rank)
        .map((q) => q.id);
      const stale = fresh.size > 0 || sorted.join() !== order.filter((id) => sorted.includes(id)).join();
      freshBar.hidden = !stale;
      freshBar.textContent = fresh.size ? `${fresh.size} ${tr(T.fresh)} · ${tr(T.reorder)}` : tr(T.reorder);
      renderCounts();
    });
  }

  function renderCounts() {
    pre.input.checked = state.settings.moderation === 'pre';
    open.input.checked = state.settings.qaOpen;
    voting.input.checked = state.settings.openVoting;
    const all = [...state.questions.values()];
    const by = (s: QuestionStatus) => all.filter((q) => q.status === s).length;
    const asked = (c: string) => all.filter((q) => q.channel === c && q.status !== 'dismissed').length;
    counts.replaceChildren(
      ...(['pending', 'approved', 'answered', 'dismissed', 'merged'] as const).map((s) =>
        h('span', { class: 'badge', 'data-count': s }, `${tr(MT[s])}: ${by(s)}`),
      ),
      h('span', { class: 'badge origin-onsite' }, `${tr(L.hall)}: ${asked('onsite')}`),
      h('span', { class: 'badge origin-online' }, `${tr(L.online)}: ${asked('online')}`),
    );
    const waiting = by('pending');
    document.title = `${waiting ? `(${waiting}) ` : ''}${document.title.replace(/^\(\d+\) /, '')}`;
  }

  // Reorder by itself only when nobody is working the list: idle, pointer away, nothing focused in it.
  let lastActivity = Date.now();
  let pointerInList = false;
  for (const e of ['pointerdown', 'keydown', 'focusin', 'input'])
    document.addEventListener(e, () => {
      lastActivity = Date.now();
    });
  list.addEventListener('pointerenter', () => {
    pointerInList = true;
  });
  list.addEventListener('pointerleave', () => {
    pointerInList = false;
  });
  window.setInterval(() => {
    if (freshBar.hidden || pointerInList || list.contains(document.activeElement)) return;
    if (Date.now() - lastActivity > 8000) reorder();
  }, 2000);

  // Keyboard: the current row is the one the keys act on.
  function move(dir: 1 | -1) {
    const ids = order;
    if (!ids.length) return;
    const i = current ? ids.indexOf(current) : -1;
    current = ids[Math.min(Math.max(i + dir, 0), ids.length - 1)]!;
    for (const [id, li] of rows) li.classList.toggle('current', id === current);
    rows.get(current)?.scrollIntoView({ block: 'nearest' });
  }
  document.addEventListener('keydown', (e) => {
    const t = e.target as HTMLElement;
    if (e.ctrlKey || e.metaKey || e.altKey || t.closest('input,textarea,select')) return;
    const q = current ? state.questions.get(current) : undefined;
    const act: Record<string, () => void> = {
      j: () => move(1),
      ArrowDown: () => move(1),
      k: () => move(-1),
      ArrowUp: () => move(-1),
      u: () => void undo(),
      a: () => q && host.status(q, 'approved'),
      d: () => q && host.status(q, 'dismissed'),
      x: () => q && host.status(q, q.status === 'answered' ? 'approved' : 'answered'),
      s: () => q && q.status !== 'dismissed' && host.screen(q, !q.onScreen),
      e: () => q && openEditor(q, host),
      m: () => {
        const d = current ? rows.get(current)?.querySelector('details.more') : null;
        if (d) (d as HTMLDetailsElement).open = true;
      },
    };
    const f = act[e.key];
    if (!f) return;
    e.preventDefault();
    f();
  });
  list.addEventListener('click', (e) => {
    const li = (e.target as HTMLElement).closest('li[data-id]') as HTMLElement | null;
    if (!li) return;
    current = li.dataset.id!;
    for (const [id, row] of rows) row.classList.toggle('current', id === current);
  });

  let first = true;
  function onMessage(m: ServerMessage) {
    const change = applyLiveMessage(state, m, STAFF_VIEW);
    if (change === 'polls' || change === 'stage') return;
    // The first snapshot (and a snapshot after a long disconnection) sets the order; the rest waits.
    if (change === 'all' && (first || !order.length)) {
      first = false;
      reorder();
    } else sync();
  }

  openLive({
    eventId,
    staff: true,
    onMessage,
    onState: (s) => {
      const c = $('conn');
      if (c) c.textContent = tr(L[s]);
      root.dataset.conn = s;
    },
  });
}
