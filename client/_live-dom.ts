import type { StageDto } from '../src/shared/realtime.js';

type Attrs = Record<string, string | boolean | undefined | ((e: Event) => void)>;
type Child = Node | string | null | undefined | false;

/**
 * Builds an element. Text always goes in as text nodes (never HTML): whatever a participant typed
 * is shown as typed, `<script>` and all.
 */
export function h(tag: string, attrs: Attrs = {}, ...children: Child[]): HTMLElement {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === false) continue;
    if (typeof v === 'function') el.addEventListener(k.replace(/^on/, ''), v);
    else if (v === true) el.setAttribute(k, '');
    else el.setAttribute(k, v);
  }
  for (const c of children)
    if (c !== null && c !== undefined && c !== false)
      el.append(typeof c === 'string' ? document.createTextNode(c) : c);
  return el;
}

export const $ = (id: string) => document.getElementById(id);

export function setText(id: string, text: string): void {
  const el = $(id);
  if (el) el.textContent = text;
}

export const lang = (): 'id' | 'en' => (document.documentElement.lang === 'en' ? 'en' : 'id');

export function tr(t: { id: string; en: string }): string {
  return t[lang()];
}

export function clock(iso: string, tz: string): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: tz,
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const hh = parts.find((p) => p.type === 'hour')?.value ?? '00';
  const mm = parts.find((p) => p.type === 'minute')?.value ?? '00';
  return lang() === 'id' ? `${hh}.${mm}` : `${hh}:${mm}`;
}

export const L = {
  until: { id: 'hingga', en: 'until' },
  left: { id: 'sisa', en: 'left' },
  over: { id: 'waktu habis', en: 'time is up' },
  next: { id: 'Berikutnya', en: 'Next' },
  notStarted: { id: 'Acara belum dimulai.', en: 'The event has not started yet.' },
  underway: { id: 'Acara sedang berlangsung.', en: 'The event is under way.' },
  ended: { id: 'Acara sudah selesai.', en: 'The event has ended.' },
  hall: { id: 'Aula', en: 'Hall' },
  online: { id: 'Daring', en: 'Online' },
  anon: { id: 'Anonim', en: 'Anonymous' },
  answered: { id: 'Sudah dijawab', en: 'Answered' },
  votes: { id: 'dukungan', en: 'votes' },
  respondents: { id: 'responden', en: 'respondents' },
  closed: { id: 'Ditutup', en: 'Closed' },
  live: { id: 'Tersambung langsung', en: 'Live' },
  polling: { id: 'Tersambung (mode hemat)', en: 'Connected (fallback mode)' },
  offline: { id: 'Koneksi terputus, mencoba lagi…', en: 'Connection lost, retrying…' },
  connecting: { id: 'Menyambungkan…', en: 'Connecting…' },
};

/** Keeps the stage timer ticking between updates, corrected for the phone's clock being off. */
export function stageTimer(el: HTMLElement | null, tz: string): (s: StageDto) => void {
  let ends: number | null = null;
  let skew = 0;
  let endsIso = '';
  const tick = () => {
    if (!el) return;
    if (ends === null) {
      el.textContent = '';
      return;
    }
    const left = ends - (Date.now() + skew);
    const m = Math.floor(Math.abs(left) / 60000);
    const s = Math.floor((Math.abs(left) % 60000) / 1000);
    el.textContent =
      left > 0
        ? `${tr(L.until)} ${clock(endsIso, tz)} · ${tr(L.left)} ${m}:${String(s).padStart(2, '0')}`
        : `${tr(L.until)} ${clock(endsIso, tz)} · ${tr(L.over)}`;
  };
  window.setInterval(tick, 1000);
  return (stage) => {
    skew = Date.parse(stage.serverTime) - Date.now();
    ends = stage.endsAt ? Date.parse(stage.endsAt) : null;
    endsIso = stage.endsAt ?? '';
    tick();
  };
}
