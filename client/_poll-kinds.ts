import type { PollDto } from '../src/shared/realtime.js';
import { h, L, lang, tr } from './_live-dom.js';
import { ratingOf } from './_poll-state.js';

// Word clouds, open questions and ratings in the islands: the participant's form and results (live
// page), and the screen's drawing (projector and overlay): the word cloud is laid out as a cloud,
// biggest words in the middle, on a spiral, never as a list. Text goes in as text nodes only.

const T = {
  words: { id: 'Satu sampai tiga kata', en: 'One to three words' },
  answer: { id: 'Jawaban Anda', en: 'Your answer' },
  send: { id: 'Kirim', en: 'Send' },
  noWords: { id: 'Belum ada kata.', en: 'No words yet.' },
  noAnswers: { id: 'Belum ada jawaban yang ditampilkan.', en: 'No answers shown yet.' },
  average: { id: 'Rata-rata', en: 'Average' },
  moderated: {
    id: 'Jawaban tampil setelah disetujui moderator.',
    en: 'Answers show once a moderator approves them.',
  },
  mine: { id: 'Jawaban Anda tercatat', en: 'Your answer is recorded' },
  empty: { id: 'Isi jawaban Anda dulu.', en: 'Write your answer first.' },
};

export const isKindPoll = (p: PollDto) => p.kind === 'wordcloud' || p.kind === 'open' || p.kind === 'rating';

/** Relative sizes of a cloud's words (1 to 4): the most given word largest, on a square-root scale. */
const sizesOf = (words: PollDto['words']) => {
  const max = Math.max(1, ...words.map((w) => w.count));
  return words.map((w) => 1 + 3 * Math.sqrt(w.count / max));
};

/** A cloud that flows (phones, overlay): biggest words in the middle, the rest alternating around. */
function flowCloud(p: PollDto, limit: number): HTMLElement {
  const words = p.words.slice(0, limit);
  if (!words.length) return h('p', { class: 'muted' }, tr(T.noWords));
  const sizes = sizesOf(words);
  const order: number[] = [];
  for (let i = 0; i < words.length; i++) {
    if (i % 2) order.push(i);
    else order.unshift(i);
  }
  return h(
    'p',
    { class: 'cloud', 'data-cloud': p.id },
    ...order.map((i) =>
      h(
        'span',
        { class: `w${i % 5}`, style: `font-size:${(0.55 + sizes[i]! * 0.45).toFixed(2)}em` },
        words[i]!.text,
      ),
    ),
  );
}

function ratingEl(p: PollDto, big: boolean): HTMLElement {
  const r = ratingOf(p);
  const max = Math.max(1, ...r.distribution);
  return h(
    'div',
    { class: `rating${big ? ' big' : ''}` },
    h(
      'p',
      { class: 'rating-avg' },
      `${tr(T.average)}: `,
      h(
        'strong',
        {},
        r.average === null
          ? '–'
          : r.average.toLocaleString(lang() === 'id' ? 'id-ID' : 'en-GB', {
              minimumFractionDigits: 1,
              maximumFractionDigits: 1,
            }),
      ),
      ' / 5',
    ),
    h(
      'ul',
      { class: 'results' },
      ...r.distribution.map((n, i) =>
        h(
          'li',
          {},
          h('span', { class: 'label' }, '★'.repeat(i + 1)),
          h('span', { class: 'bar', style: `width:${Math.round((n / max) * 100)}%` }),
          h('span', { class: 'n' }, String(n)),
        ),
      ),
    ),
  );
}

const approved = (p: PollDto) => p.answers.filter((a) => a.status === 'approved');

function answersEl(p: PollDto, limit: number): HTMLElement {
  const list = approved(p).slice(-limit);
  return list.length
    ? h('ul', { class: 'answers' }, ...list.map((a) => h('li', {}, a.text)))
    : h('p', { class: 'muted' }, tr(T.noAnswers));
}

/** The live page's card for a newer kind: the form while the reader may answer, then the results. */
export function kindPollEl(p: PollDto, my: string[] | undefined, readOnly: boolean): HTMLElement {
  const canAnswer = p.status === 'open' && !my?.length && !readOnly;
  const form = canAnswer
    ? h(
        'form',
        { 'data-poll': p.id, 'data-kind': p.kind },
        ...(p.kind === 'rating'
          ? [1, 2, 3, 4, 5].map((n) =>
              h(
                'label',
                { class: 'inline star' },
                h('input', { type: 'radio', name: 'rating', value: String(n) }),
                ` ${n}`,
              ),
            )
          : [
              h('label', { for: `a-${p.id}` }, tr(p.kind === 'wordcloud' ? T.words : T.answer)),
              h('input', {
                id: `a-${p.id}`,
                name: 'text',
                autocomplete: 'off',
                maxlength: p.kind === 'wordcloud' ? '92' : '280',
              }),
            ]),
        h('button', { type: 'submit' }, tr(T.send)),
      )
    : null;
  return h(
    'div',
    { class: 'card poll', 'data-id': p.id, 'data-kind': p.kind },
    h('h3', {}, p.question),
    form,
    my?.length && p.kind !== 'rating' ? h('p', { class: 'muted' }, `${tr(T.mine)}: ${my.join(' ')}`) : null,
    p.kind === 'wordcloud' ? flowCloud(p, 40) : null,
    p.kind === 'rating' && !canAnswer ? ratingEl(p, false) : null,
    p.kind === 'open' && canAnswer ? h('p', { class: 'muted' }, tr(T.moderated)) : null,
    p.kind === 'open' ? answersEl(p, 20) : null,
    h(
      'p',
      { class: 'muted' },
      `${p.voters} ${tr(L.respondents)}${p.status === 'closed' ? ` · ${tr(L.closed)}` : ''}`,
    ),
  );
}

/**
 * What a newer kind's form sends (`text` or `rating`), null for choice polls (the caller's own
 * handling), or an alert text when nothing was filled in.
 */
export function kindAnswer(
  form: HTMLFormElement,
): { text: string } | { rating: number } | { missing: string } | null {
  const kind = form.dataset.kind;
  if (!kind) return null;
  if (kind === 'rating') {
    const r = form.querySelector<HTMLInputElement>('input[name=rating]:checked');
    return r ? { rating: Number(r.value) } : { missing: tr(T.empty) };
  }
  const text = (form.querySelector<HTMLInputElement>('input[name=text]')?.value ?? '').trim();
  return text ? { text } : { missing: tr(T.empty) };
}

// The cloud on screen, laid out again when the screen changes size (a projector going full screen).
let lastCloud: { stage: HTMLElement; words: PollDto['words'] } | null = null;
if (typeof window !== 'undefined')
  window.addEventListener('resize', () => {
    if (lastCloud?.stage.isConnected) layoutCloud(lastCloud.stage, lastCloud.words);
  });

/** The projector's or overlay's drawing of a newer kind, inside `box` (which has its size). */
export function renderKindScreen(box: HTMLElement, p: PollDto, view: 'projector' | 'overlay'): void {
  if (p.kind === 'wordcloud') {
    if (view === 'overlay') {
      box.replaceChildren(flowCloud(p, 12));
      return;
    }
    const stage = h('div', { class: 'cloud-stage', 'data-cloud': p.id });
    box.replaceChildren(stage);
    layoutCloud(stage, p.words);
    lastCloud = { stage, words: p.words };
  } else if (p.kind === 'rating') {
    box.replaceChildren(ratingEl(p, view === 'projector'));
  } else {
    box.replaceChildren(answersEl(p, view === 'projector' ? 6 : 3));
  }
}

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}
const overlaps = (a: Box, b: Box) => a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;

/**
 * Lays the words out as a cloud in `stage` (positioned absolutely, in its measured size): the most
 * given word in the centre, each next one on an outward spiral at the first place it does not
 * overlap. When some do not fit, everything is drawn smaller and laid out again; the smallest that
 * still do not fit are left out rather than cut by the screen's edge.
 */
export function layoutCloud(stage: HTMLElement, words: PollDto['words']): void {
  if (!words.length) {
    stage.replaceChildren(h('p', { class: 'muted' }, tr(T.noWords)));
    return;
  }
  const W = stage.clientWidth || 800;
  const H = stage.clientHeight || 400;
  const sizes = sizesOf(words);
  const spans = words.map((w, i) => h('span', { class: `w${i % 5}` }, w.text));
  stage.replaceChildren(...spans);
  // Measured once at a base size; a word's box scales with its font size.
  const base = 20;
  for (const [i, s] of spans.entries())
    s.style.cssText = `position:absolute;left:0;top:0;line-height:1;white-space:nowrap;font-size:${base * sizes[i]!}px`;
  const dims = spans.map((s) => ({ w: s.offsetWidth + 6, h: s.offsetHeight }));
  let scale = Math.min(3, (H * 0.4) / Math.max(1, dims[0]!.h), (W * 0.5) / Math.max(1, dims[0]!.w));
  for (let attempt = 0; attempt < 8; attempt++) {
    const placed: (Box | null)[] = [];
    let missed = 0;
    for (const d of dims) {
      const w = d.w * scale;
      const hh = d.h * scale;
      let spot: Box | null = null;
      for (let t = 0; t < 600 && !spot; t += 0.35) {
        const r = 4 * t;
        const b = {
          x: W / 2 + r * Math.cos(t) * Math.max(1, W / H) - w / 2,
          y: H / 2 + r * Math.sin(t) - hh / 2,
          w,
          h: hh,
        };
        if (b.x < 0 || b.y < 0 || b.x + w > W || b.y + hh > H) {
          if (r > W + H) break;
          continue;
        }
        if (!placed.some((p) => p && overlaps(p, b))) spot = b;
      }
      if (!spot) missed++;
      placed.push(spot);
    }
    // Keep this layout when the biggest words all fit (the tail may drop), else shrink and retry.
    const bigMissed = placed.slice(0, Math.min(10, placed.length)).some((p) => !p);
    if ((!bigMissed && missed <= words.length / 4) || attempt === 7) {
      for (const [i, s] of spans.entries()) {
        const p = placed[i];
        if (!p) {
          s.hidden = true;
          continue;
        }
        s.style.cssText = `position:absolute;left:${p.x.toFixed(1)}px;top:${p.y.toFixed(1)}px;font-size:${(base * sizes[i]! * scale).toFixed(1)}px;line-height:1;white-space:nowrap`;
      }
      return;
    }
    scale *= 0.82;
  }
}
