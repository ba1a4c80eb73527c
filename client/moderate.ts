import type { QuestionDto, QuestionStatus, ServerMessage } from '../src/shared/realtime.js';
import { openLive } from './_live-conn.js';
import { $, h, L, lang, tr } from './_live-dom.js';
import { applyLiveMessage, emptyLiveState, STAFF_VIEW } from './_live-state.js';

// The moderation console: every question as it arrives, with the moderator's actions.

const T = {
  pending: { id: 'Menunggu', en: 'Waiting' },
  approved: { id: 'Tampil', en: 'Shown' },
  answered: { id: 'Dijawab', en: 'Answered' },
  dismissed: { id: 'Ditolak', en: 'Dismissed' },
  merged: { id: 'Digabung', en: 'Merged' },
  all: { id: 'Semua', en: 'All' },
  active: { id: 'Menunggu + tampil', en: 'Waiting + shown' },
  approve: { id: 'Setujui', en: 'Approve' },
  dismiss: { id: 'Tolak', en: 'Dismiss' },
  markAnswered: { id: 'Tandai dijawab', en: 'Mark answered' },
  reopen: { id: 'Belum dijawab', en: 'Not answered' },
  restore: { id: 'Pulihkan', en: 'Restore' },
  onScreen: { id: 'Di layar', en: 'On screen' },
  putOnScreen: { id: 'Tampilkan di layar', en: 'Put on screen' },
  offScreen: { id: 'Turunkan dari layar', en: 'Take off screen' },
  edit: { id: 'Perbaiki teks', en: 'Fix the text' },
  save: { id: 'Simpan', en: 'Save' },
  cancel: { id: 'Batal', en: 'Cancel' },
  merge: { id: 'Gabung ke…', en: 'Merge into…' },
  mergeDo: { id: 'Gabung', en: 'Merge' },
  speaker: { id: 'Pembicara', en: 'Speaker' },
  noSpeaker: { id: '— belum ditugaskan —', en: '— not assigned —' },
  origin: { id: 'Asal', en: 'Origin' },
  status: { id: 'Status', en: 'Status' },
  total: { id: 'Jumlah', en: 'Total' },
  moderationPre: { id: 'Pertanyaan baru menunggu persetujuan', en: 'New questions wait for approval' },
  qaOpen: { id: 'Tanya jawab dibuka', en: 'Q&A open' },
  none: { id: 'Tidak ada pertanyaan di sini.', en: 'No questions here.' },
  failed: { id: 'Gagal. Coba lagi.', en: 'Failed. Try again.' },
};

const root = $('mod-root');
if (root) start(root);

function start(root: HTMLElement) {
  const eventId = root.dataset.event!;
  const csrf = root.dataset.csrf ?? '';
  const speakers = JSON.parse(root.dataset.speakers || '[]') as { id: string; name: string }[];
  // Staff see every question, whatever its status, and the polls' drafts.
  const state = emptyLiveState();
  const filter = { status: 'active', channel: '', speaker: '' };
  let editing: string | null = null;
  const setEditing = (id: string | null) => {
    editing = id;
    render();
  };

  async function call(method: string, url: string, body?: unknown): Promise<boolean> {
    const r = await fetch(`${url}${url.includes('?') ? '&' : '?'}lang=${lang()}`, {
      method,
      credentials: 'same-origin',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, accept: 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    }).catch(() => null);
    const out = $('mod-msg');
    if (!r?.ok) {
      let text = tr(T.failed);
      try {
        if (r) text = ((await r.json()) as { error?: { message?: string } }).error?.message ?? text;
      } catch {}
      if (out) out.textContent = text;
      return false;
    }
    if (out) out.textContent = '';
    try {
      const q = (await r.json()) as QuestionDto;
      if (q && typeof q === 'object' && 'status' in q && 'text' in q) state.questions.set(q.id, q);
    } catch {}
    render();
    return true;
  }
  const patch = (id: string, body: Record<string, unknown>) => call('PATCH', `/api/v1/questions/${id}`, body);

  // Static parts: settings, filters, counts, list.
  const modToggle = h('input', { type: 'checkbox', id: 'mod-pre' }) as HTMLInputElement;
  const openToggle = h('input', { type: 'checkbox', id: 'mod-open' }) as HTMLInputElement;
  modToggle.addEventListener('change', () =>
    call('PATCH', `/api/v1/events/${eventId}/live/settings`, {
      moderation: modToggle.checked ? 'pre' : 'auto',
    }),
  );
  openToggle.addEventListener('change', () =>
    call('PATCH', `/api/v1/events/${eventId}/live/settings`, { qaOpen: openToggle.checked }),
  );
  const select = (id: string, label: string, options: [string, string][], key: keyof typeof filter) => {
    const s = h(
      'select',
      { id },
      ...options.map(([v, t]) => h('option', { value: v }, t)),
    ) as HTMLSelectElement;
    s.value = filter[key];
    s.addEventListener('change', () => {
      filter[key] = s.value;
      render();
    });
    return h('label', {}, label, s);
  };
  const counts = h('p', { id: 'mod-counts', class: 'row' });
  const list = h('ol', { id: 'mod-list', class: 'questions' });
  root.replaceChildren(
    h(
      'div',
      { class: 'row' },
      h('label', { class: 'inline' }, modToggle, ` ${tr(T.moderationPre)}`),
      h('label', { class: 'inline' }, openToggle, ` ${tr(T.qaOpen)}`),
    ),
    counts,
    h(
      'div',
      { class: 'grid' },
      select(
        'f-status',
        tr(T.status),
        [
          ['active', tr(T.active)],
          ['pending', tr(T.pending)],
          ['approved', tr(T.approved)],
          ['answered', tr(T.answered)],
          ['dismissed', tr(T.dismissed)],
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
      select(
        'f-speaker',
        tr(T.speaker),
        [['', tr(T.all)], ...speakers.map((s) => [s.id, s.name] as [string, string])],
        'speaker',
      ),
    ),
    h('p', { id: 'mod-msg', role: 'alert' }),
    list,
    h('p', { id: 'conn', class: 'muted', 'aria-live': 'polite' }),
  );

  function actions(q: QuestionDto): HTMLElement {
    const b = (label: string, onclick: () => void, cls = 'secondary', name = '') =>
      h('button', { type: 'button', class: cls, 'data-action': name, onclick: () => onclick() }, label);
    const row = h('div', { class: 'row' });
    if (q.status === 'merged') return row;
    if (q.status === 'pending' || q.status === 'dismissed')
      row.append(
        b(
          tr(q.status === 'pending' ? T.approve : T.restore),
          () => patch(q.id, { status: 'approved' }),
          '',
          'approve',
        ),
      );
    if (q.status !== 'dismissed')
      row.append(b(tr(T.dismiss), () => patch(q.id, { status: 'dismissed' }), 'danger', 'dismiss'));
    if (q.status === 'approved' || q.status === 'pending')
      row.append(b(tr(T.markAnswered), () => patch(q.id, { status: 'answered' }), 'secondary', 'answered'));
    if (q.status === 'answered')
      row.append(b(tr(T.reopen), () => patch(q.id, { status: 'approved' }), 'secondary', 'reopen'));
    if (q.status !== 'dismissed') {
      row.append(
        q.onScreen
          ? b(tr(T.offScreen), () => patch(q.id, { onScreen: false }), '', 'offscreen')
          : b(tr(T.putOnScreen), () => patch(q.id, { onScreen: true }), 'secondary', 'onscreen'),
      );
    }
    row.append(b(tr(T.edit), () => setEditing(q.id), 'secondary', 'edit'));
    if (speakers.length && q.status !== 'dismissed') {
      const s = h(
        'select',
        { 'aria-label': tr(T.speaker), 'data-action': 'assign' },
        h('option', { value: '' }, tr(T.noSpeaker)),
        ...speakers.map((p) => h('option', { value: p.id }, p.name)),
      ) as HTMLSelectElement;
      s.value = q.speaker?.id ?? '';
      s.addEventListener('change', () => patch(q.id, { speakerId: s.value || null }));
      row.append(s);
    }
    const targets = [...state.questions.values()].filter(
      (x) => x.id !== q.id && (x.status === 'pending' || x.status === 'approved' || x.status === 'answered'),
    );
    if (targets.length && q.status !== 'dismissed') {
      const m = h(
        'select',
        { 'aria-label': tr(T.merge), 'data-action': 'merge-target' },
        h('option', { value: '' }, tr(T.merge)),
        ...targets.map((x) => h('option', { value: x.id }, x.text.slice(0, 60))),
      ) as HTMLSelectElement;
      row.append(
        m,
        b(
          tr(T.mergeDo),
          () => m.value && call('POST', `/api/v1/questions/${q.id}/merge`, { into: m.value }),
          'secondary',
          'merge',
        ),
      );
    }
    return row;
  }

  function item(q: QuestionDto): HTMLElement {
    const text =
      editing === q.id
        ? (() => {
            const ta = h('textarea', { maxlength: '500' }) as HTMLTextAreaElement;
            ta.value = q.text;
            return h(
              'div',
              {},
              ta,
              h(
                'div',
                { class: 'row' },
                h(
                  'button',
                  {
                    type: 'button',
                    onclick: () => patch(q.id, { text: ta.value }).then((ok) => ok && setEditing(null)),
                  },
                  tr(T.save),
                ),
                h(
                  'button',
                  { type: 'button', class: 'secondary', onclick: () => setEditing(null) },
                  tr(T.cancel),
                ),
              ),
            );
          })()
        : h('p', { class: 'qtext' }, q.text);
    return h(
      'li',
      {
        class: `question status-${q.status}${q.onScreen ? ' on-screen' : ''}`,
        'data-id': q.id,
        'data-status': q.status,
      },
      text,
      h(
        'p',
        { class: 'meta' },
        h('span', { class: `badge origin-${q.channel}` }, q.channel === 'onsite' ? tr(L.hall) : tr(L.online)),
        ' ',
        h('span', { class: 'badge' }, tr(T[q.status])),
        q.onScreen ? h('span', { class: 'badge warn' }, tr(T.onScreen)) : null,
        ` ${q.author ?? tr(L.anon)} · ▲ ${q.votes}`,
        q.speaker ? ` · → ${q.speaker.name}` : '',
      ),
      h('p', { class: 'votes' }, String(q.votes)),
      actions(q),
    );
  }

  let scheduled = false;
  function render() {
    if (scheduled) return;
    scheduled = true;
    requestAnimationFrame(() => {
      scheduled = false;
      modToggle.checked = state.settings.moderation === 'pre';
      openToggle.checked = state.settings.qaOpen;
      const all = [...state.questions.values()];
      const by = (s: QuestionStatus) => all.filter((q) => q.status === s).length;
      counts.replaceChildren(
        ...(['pending', 'approved', 'answered', 'dismissed'] as const).map((s) =>
          h('span', { class: 'badge', 'data-count': s }, `${tr(T[s])}: ${by(s)}`),
        ),
        h(
          'span',
          { class: 'badge origin-onsite' },
          `${tr(L.hall)}: ${all.filter((q) => q.channel === 'onsite' && q.status !== 'dismissed' && q.status !== 'merged').length}`,
        ),
        h(
          'span',
          { class: 'badge origin-online' },
          `${tr(L.online)}: ${all.filter((q) => q.channel === 'online' && q.status !== 'dismissed' && q.status !== 'merged').length}`,
        ),
      );
      const shown = all
        .filter((q) =>
          filter.status === 'active'
            ? q.status === 'pending' || q.status === 'approved'
            : filter.status
              ? q.status === filter.status
              : q.status !== 'merged',
        )
        .filter((q) => !filter.channel || q.channel === filter.channel)
        .filter((q) => !filter.speaker || q.speaker?.id === filter.speaker)
        .sort((a, b) =>
          (a.status === 'pending') === (b.status === 'pending')
            ? b.votes - a.votes || a.createdAt.localeCompare(b.createdAt)
            : a.status === 'pending'
              ? -1
              : 1,
        );
      // Do not rebuild under a moderator who is typing a correction.
      if (editing && document.activeElement?.tagName === 'TEXTAREA') return;
      list.replaceChildren(...(shown.length ? shown.map(item) : [h('li', { class: 'muted' }, tr(T.none))]));
      const waiting = by('pending');
      document.title = `${waiting ? `(${waiting}) ` : ''}${document.title.replace(/^\(\d+\) /, '')}`;
    });
  }

  function onMessage(m: ServerMessage) {
    const change = applyLiveMessage(state, m, STAFF_VIEW);
    // The console shows questions and settings; polls and the stage have their own pages.
    if (change !== 'polls' && change !== 'stage') render();
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
