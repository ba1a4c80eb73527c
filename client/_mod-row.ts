import type { QuestionDto } from '../src/shared/realtime.js';
import { h, L, tr } from './_live-dom.js';

// One row of the moderation desk. A row is built once per question and then updated in place, so a
// vote or a new question never replaces the element under the moderator's cursor, an open menu or a
// half-typed search.

export const MT = {
  pending: { id: 'Menunggu', en: 'Waiting' },
  approved: { id: 'Tampil', en: 'Shown' },
  answered: { id: 'Dijawab', en: 'Answered' },
  dismissed: { id: 'Ditolak', en: 'Dismissed' },
  merged: { id: 'Digabung', en: 'Merged' },
  approve: { id: 'Setujui', en: 'Approve' },
  dismiss: { id: 'Tolak', en: 'Dismiss' },
  markAnswered: { id: 'Dijawab', en: 'Answered' },
  reopen: { id: 'Belum dijawab', en: 'Not answered' },
  restore: { id: 'Pulihkan', en: 'Restore' },
  onScreen: { id: 'Di layar', en: 'On screen' },
  putOnScreen: { id: 'Layar', en: 'Screen' },
  offScreen: { id: 'Turunkan', en: 'Off screen' },
  more: { id: 'Lainnya', en: 'More' },
  edit: { id: 'Perbaiki teks', en: 'Fix the text' },
  save: { id: 'Simpan', en: 'Save' },
  cancel: { id: 'Batal', en: 'Cancel' },
  mergeInto: { id: 'Gabung ke…', en: 'Merge into…' },
  mergeSearch: { id: 'Cari pertanyaan tujuan', en: 'Search the question to merge into' },
  noMatch: { id: 'Tidak ada yang cocok.', en: 'Nothing matches.' },
  unmerge: { id: 'Pisahkan lagi', en: 'Unmerge' },
  mergedInto: { id: 'Digabung ke', en: 'Merged into' },
  speaker: { id: 'Pembicara', en: 'Speaker' },
  noSpeaker: { id: '— belum ditugaskan —', en: '— not assigned —' },
};

export interface RowHost {
  speakers: { id: string; name: string }[];
  /** Questions one may merge into (not this one; not merged or dismissed ones). */
  targets(q: QuestionDto): QuestionDto[];
  find(id: string): QuestionDto | undefined;
  status(q: QuestionDto, to: 'pending' | 'approved' | 'answered' | 'dismissed'): void;
  screen(q: QuestionDto, on: boolean): void;
  speaker(q: QuestionDto, speakerId: string | null): void;
  text(q: QuestionDto, text: string): Promise<boolean>;
  merge(q: QuestionDto, into: QuestionDto): void;
  unmerge(q: QuestionDto): void;
}

const btn = (label: string, action: string, onclick: () => void, cls = 'secondary', key = '') =>
  h(
    'button',
    { type: 'button', class: cls, 'data-action': action, title: key ? `${label} (${key})` : label, onclick },
    label,
  );

/** The action buttons for this state of the question: one line. */
function actions(q: QuestionDto, host: RowHost): HTMLElement {
  const row = h('div', { class: 'acts' });
  if (q.status === 'merged') {
    row.append(btn(tr(MT.unmerge), 'unmerge', () => host.unmerge(q), 'secondary', 'u'));
    return row;
  }
  if (q.status === 'pending')
    row.append(btn(`✓ ${tr(MT.approve)}`, 'approve', () => host.status(q, 'approved'), '', 'a'));
  if (q.status === 'dismissed')
    row.append(btn(tr(MT.restore), 'approve', () => host.status(q, 'approved'), '', 'a'));
  if (q.status === 'approved')
    row.append(btn(`✔ ${tr(MT.markAnswered)}`, 'answered', () => host.status(q, 'answered'), '', 'x'));
  if (q.status === 'answered')
    row.append(btn(tr(MT.reopen), 'reopen', () => host.status(q, 'approved'), 'secondary', 'x'));
  if (q.status !== 'dismissed') {
    row.append(
      q.onScreen
        ? btn(`▣ ${tr(MT.offScreen)}`, 'offscreen', () => host.screen(q, false), 'secondary on', 's')
        : btn(`▢ ${tr(MT.putOnScreen)}`, 'onscreen', () => host.screen(q, true), 'secondary', 's'),
      btn(`✕ ${tr(MT.dismiss)}`, 'dismiss', () => host.status(q, 'dismissed'), 'secondary danger-text', 'd'),
    );
    row.append(moreMenu(q, host));
  }
  return row;
}

/** Less frequent tools behind one button: fix the text, assign a speaker, merge through a search. */
function moreMenu(q: QuestionDto, host: RowHost): HTMLElement {
  const search = h('input', {
    type: 'search',
    class: 'merge-search',
    placeholder: tr(MT.mergeSearch),
    'aria-label': tr(MT.mergeSearch),
  }) as HTMLInputElement;
  const results = h('ul', { class: 'merge-results' });
  const fill = () => {
    const words = search.value.toLocaleLowerCase().split(/\s+/).filter(Boolean);
    const found = host
      .targets(q)
      .filter((x) => words.every((w) => x.text.toLocaleLowerCase().includes(w)))
      .slice(0, 6);
    results.replaceChildren(
      ...(found.length
        ? found.map((x) =>
            h(
              'li',
              {},
              h(
                'button',
                {
                  type: 'button',
                  class: 'secondary pick',
                  'data-target': x.id,
                  onclick: () => host.merge(q, x),
                },
                `${x.text.slice(0, 90)} · ▲ ${x.votes}`,
              ),
            ),
          )
        : [h('li', { class: 'muted' }, tr(MT.noMatch))]),
    );
  };
  search.addEventListener('input', fill);
  const details = h(
    'details',
    { class: 'more' },
    h('summary', { 'data-action': 'more', title: `${tr(MT.more)} (m)` }, '⋯'),
    h(
      'div',
      { class: 'menu' },
      btn(tr(MT.edit), 'edit', () => openEditor(q, host), 'secondary', 'e'),
      host.speakers.length ? speakerSelect(q, host) : null,
      h('p', { class: 'menu-label' }, tr(MT.mergeInto)),
      search,
      results,
    ),
  ) as HTMLDetailsElement;
  details.addEventListener('toggle', () => {
    if (details.open) {
      fill();
      search.focus();
    }
  });
  return details;
}

function speakerSelect(q: QuestionDto, host: RowHost): HTMLElement {
  const s = h(
    'select',
    { 'aria-label': tr(MT.speaker), 'data-action': 'assign' },
    h('option', { value: '' }, tr(MT.noSpeaker)),
    ...host.speakers.map((p) => h('option', { value: p.id }, p.name)),
  ) as HTMLSelectElement;
  s.value = q.speaker?.id ?? '';
  s.addEventListener('change', () => host.speaker(q, s.value || null));
  return s;
}

/** The text editor opens under the row's text; updates to the row leave it alone. */
export function openEditor(q: QuestionDto, host: RowHost): void {
  const li = document.querySelector<HTMLElement>(`#mod-list li[data-id="${q.id}"]`);
  const slot = li?.querySelector('.extra');
  if (!slot || slot.firstChild) return;
  const ta = h('textarea', { maxlength: '500', 'aria-label': tr(MT.edit) }) as HTMLTextAreaElement;
  ta.value = host.find(q.id)?.text ?? q.text;
  const close = () => slot.replaceChildren();
  slot.replaceChildren(
    ta,
    h(
      'div',
      { class: 'acts' },
      h(
        'button',
        { type: 'button', onclick: () => host.text(q, ta.value).then((ok) => ok && close()) },
        tr(MT.save),
      ),
      h('button', { type: 'button', class: 'secondary', onclick: close }, tr(MT.cancel)),
    ),
  );
  ta.focus();
}

export function newRow(q: QuestionDto): HTMLElement {
  return h(
    'li',
    { 'data-id': q.id },
    h('p', { class: 'qtext' }),
    h('p', { class: 'meta' }),
    h('div', { class: 'extra' }),
    h('div', { class: 'acts-slot' }),
  );
}

/**
 * Brings a row up to date. The actions are rebuilt only when what they depend on changed (status,
 * screen, speaker): a vote count never closes an open menu or drops the focus.
 */
export function fillRow(li: HTMLElement, q: QuestionDto, host: RowHost, inFilter: boolean): void {
  li.className = `question status-${q.status}${q.onScreen ? ' on-screen' : ''}${inFilter ? '' : ' out'}`;
  li.dataset.status = q.status;
  const text = li.querySelector('.qtext')!;
  if (text.textContent !== q.text) text.textContent = q.text;
  const target = q.mergedInto ? host.find(q.mergedInto) : undefined;
  li.querySelector('.meta')!.replaceChildren(
    h('span', { class: `badge origin-${q.channel}` }, q.channel === 'onsite' ? tr(L.hall) : tr(L.online)),
    ' ',
    h('span', { class: 'badge' }, tr(MT[q.status])),
    ...(q.onScreen ? [h('span', { class: 'badge warn' }, tr(MT.onScreen))] : []),
    ` ${q.author ?? tr(L.anon)} · ▲ `,
    h('span', { class: 'n' }, String(q.votes)),
    q.speaker ? ` · → ${q.speaker.name}` : '',
    target ? ` · ${tr(MT.mergedInto)}: “${target.text.slice(0, 60)}”` : '',
  );
  const key = `${q.status}|${q.onScreen}|${q.speaker?.id ?? ''}`;
  if (li.dataset.key !== key) {
    li.dataset.key = key;
    li.querySelector('.acts-slot')!.replaceChildren(actions(q, host));
  }
}
