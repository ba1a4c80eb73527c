// The door check-in page: camera, keyboard-wedge scanner and search, a big green/amber/red answer,
// and an offline mode that checks people in against the roster kept on the phone and syncs later.

import type { ServerError, ServerResult } from './_checkin-api.js';
import { type Camera, startCamera } from './_checkin-camera.js';
import { DoorCount } from './_checkin-count.js';
import { deviceName, feedback, type Tone } from './_checkin-feedback.js';
import { offlineVerdict } from './_checkin-offline.js';
import { appendOverride } from './_checkin-override.js';
import { checkInPerson } from './_checkin-person.js';
import { type FoundPerson, renderFound } from './_checkin-search.js';
import {
  createStore,
  type DoorWindow,
  newScanId,
  type QueuedScan,
  type RosterPerson,
  ticketCodeOf,
  ticketHash,
} from './_checkin-store.js';
import { sendQueue } from './_checkin-sync.js';
import { renderPending, submitWalkIn, walkInFrom } from './_checkin-walkin.js';
import { doorWords, fill, type Texts } from './_checkin-words.js';

type ScanTarget = { ticketCode?: string; registrationId?: string };

const root = document.getElementById('checkin');
if (root) void main(root);

async function main(el: HTMLElement) {
  const eventId = el.dataset.event!;
  const path = el.dataset.path!;
  const csrf = el.dataset.csrf ?? '';
  const lang = el.dataset.lang ?? 'id';
  const tz = el.dataset.tz ?? 'Asia/Jakarta';
  const t = JSON.parse(el.dataset.t ?? '{}') as Texts;
  const api = `/api/v1/events/${eventId}`;
  const store = createStore(eventId);
  const device = deviceName();

  const $ = <E extends HTMLElement>(id: string) => document.getElementById(id) as E;
  const resultBox = $('ci-result');
  const countEl = $('ci-count');
  const queueEl = $('ci-queue');
  const netEl = $('ci-net');
  const input = $<HTMLInputElement>('ci-input');
  const list = $('ci-results');
  const pendingList = $('ci-pending');
  // The page's number, unless this phone heard a newer one from the server (a reload offline gets an
  // older copy of the page from the service worker; its number would drop the arrivals since).
  const saved = store.savedCount();
  const count = new DoorCount(
    saved && saved.at > Number(countEl.dataset.at ?? 0) ? saved.n : Number(countEl.textContent ?? 0),
    (n) => store.saveCount(n),
  );
  let online = navigator.onLine;

  const words = doorWords(t, lang, tz);
  const { modeLine } = words;

  function show(tone: Tone, title: string, ...lines: string[]) {
    resultBox.className = `ci-result ${tone}`;
    resultBox.replaceChildren();
    // The idle box reads as the page renders it (a hint, not an answer in bold).
    const head = document.createElement(tone === 'idle' ? 'span' : 'strong');
    head.textContent = title;
    resultBox.append(head);
    for (const line of lines.filter(Boolean)) {
      const span = document.createElement('span');
      span.textContent = line;
      resultBox.append(span);
    }
    resultBox.dataset.tone = tone;
    if (tone !== 'idle') feedback(tone);
  }

  function refreshBar() {
    const q = store.queue();
    queueEl.textContent = String(q.length);
    // Offline arrivals are shown at once; the server's number replaces them after the sync.
    countEl.textContent = String(
      count.value + q.filter((s) => s.personId && store.byId(s.personId)?.checkedInAt).length,
    );
    netEl.textContent = online ? t.netOn! : t.netOff!;
    netEl.classList.toggle('off', !online);
    renderPending(pendingList, store, t);
  }

  /** A server answer to a scan or a walk-in: green for an arrival, amber for a repeat or the waitlist. */
  function answer(body: ServerResult | ServerError) {
    if ('error' in body) return showError(body.error);
    const reg = body.registration;
    if (body.first) count.add(1);
    if (body.result !== 'waitlisted')
      store.markArrived(reg.id, Date.parse(body.checkedInAt), body.checkedInBy);
    show(
      body.first ? 'green' : 'amber',
      reg.name,
      body.message,
      body.result === 'waitlisted' ? '' : modeLine(reg),
      body.clockFlagged ? t.clockFlag! : '',
    );
    // A walk-in takes their ticket from the screen: a QR code their phone opens (to vote in the live room).
    if (body.walkIn) {
      const fig = document.createElement('figure');
      fig.className = 'ci-ticket';
      const img = document.createElement('img');
      img.src = `${path}/walk-ins/${encodeURIComponent(reg.id)}/ticket.svg`;
      img.alt = 'QR';
      img.width = img.height = 200;
      const cap = document.createElement('figcaption');
      cap.textContent = t.walkInTicket ?? '';
      fig.append(img, cap);
      resultBox.append(fig);
    }
    refreshBar();
  }

  async function post(url: string, body: unknown): Promise<Response> {
    return fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': csrf, 'accept-language': lang },
      // The phone's clock as it sends: the server flags an arrival when it is more than 5 minutes off.
      body: JSON.stringify({ ...(body as object), sentAt: Date.now() }),
      credentials: 'same-origin',
    });
  }

  /** One scan: to the server when there is a connection, against the phone's roster otherwise. */
  async function scan(what: ScanTarget, method: QueuedScan['method'], override?: { reason: string }) {
    const scanId = newScanId();
    const scannedAt = Date.now();
    if (online) {
      try {
        return await count.write(async () => {
          const r = await post(`${api}/checkins?lang=${lang}`, {
            ...what,
            scanId,
            scannedAt,
            device,
            method,
            ...(override ? { override } : {}),
          });
          const body = (await r.json()) as ServerResult | ServerError;
          if ('error' in body && body.error.overridable) return offerOverride(body.error, what, method);
          return answer(body);
        });
      } catch {
        setOnline(false);
      }
    }
    await offlineScan({ ...what, scanId, scannedAt, method });
  }

  async function offlineScan(s: QueuedScan) {
    let p: RosterPerson | undefined;
    if (s.registrationId) p = store.byId(s.registrationId);
    else if (s.ticketCode) {
      const h = await ticketHash(s.ticketCode);
      p = h ? store.byHash(h) : undefined;
    }
    // A code the roster does not know may be a registration made since it was fetched: the sync asks.
    if (!p) store.enqueue(s);
    const v = offlineVerdict(p, s.scannedAt, store.doorWindow(), t, words);
    if (v.admit && p) {
      store.enqueue({ ...s, personId: p.id });
      store.markArrived(p.id, s.scannedAt, null);
    }
    if (!p || v.admit) refreshBar();
    show(v.tone, v.title, ...v.lines);
  }

  /** Outside the window: the refusal in words, and a reason box to record the arrival anyway. */
  function offerOverride(e: ServerError['error'], what: ScanTarget, method: QueuedScan['method']) {
    show('red', e.message);
    appendOverride(resultBox, t, (reason) => void scan(what, method, { reason }));
  }

  function showError(e: ServerError['error']) {
    show('red', e.message);
    if (e.code === 'registered_online' && e.registrationId) {
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t.switchToHall!;
      b.addEventListener('click', () =>
        count.write(async () => {
          const r = await post(`${api}/checkins?lang=${lang}`, {
            registrationId: e.registrationId,
            switchToOnsite: true,
            device,
            method: 'search',
          });
          const body = (await r.json()) as ServerResult | ServerError;
          if ('error' in body) return show('red', body.error.message);
          if (body.first) count.add(1);
          show(
            body.first ? 'green' : 'amber',
            body.registration.name,
            body.message,
            modeLine(body.registration),
          );
          refreshBar();
        }),
      );
      resultBox.append(b);
    }
  }

  /** Sends the offline queue in chunks; the server answers each scan and counts each person once. */
  let syncing = false;
  async function sync() {
    if (syncing || !online) return;
    if (!store.queue().length) return refreshRoster();
    syncing = true;
    try {
      const { sent, notices } = await sendQueue(store, count, (scans) =>
        post(`${api}/checkins/sync?lang=${lang}`, { device, scans }),
      );
      const bad = notices.find((n) => n.tone !== 'green');
      if (bad) show(bad.tone, bad.title, bad.line, fill(t.synced!, { n: String(sent) }));
      else if (sent && resultBox.dataset.tone !== 'red') show('idle', fill(t.synced!, { n: String(sent) }));
      await refreshRoster();
    } catch {
      setOnline(false);
    } finally {
      syncing = false;
      refreshBar();
    }
  }

  async function refreshRoster() {
    try {
      const r = await fetch(`${api}/checkins/roster`, { credentials: 'same-origin' });
      if (!r.ok) return;
      const body = (await r.json()) as { people: RosterPerson[]; window?: DoorWindow };
      store.setRoster(body.people);
      if (body.window) store.setWindow(body.window);
      await count.read(async () => {
        const s = await fetch(`${api}/attendance/summary`, { credentials: 'same-origin' });
        return s.ok ? ((await s.json()) as { present: { onsite: number } }).present.onsite : null;
      });
      refreshBar();
    } catch {
      setOnline(false);
    }
  }

  function setOnline(v: boolean) {
    if (online === v) return;
    online = v;
    refreshBar();
    if (v) void sync();
  }
  window.addEventListener('online', () => setOnline(true));
  window.addEventListener('offline', () => setOnline(false));
  // Several phones work the same door: pick up their arrivals, and retry a pending queue.
  setInterval(() => {
    if (!online && navigator.onLine) setOnline(true);
    else void sync();
  }, 15_000);

  /** A new search: the big box no longer shows the last person (staff read it as the answer). */
  async function search(q: string) {
    if (resultBox.dataset.tone !== 'idle') show('idle', t.ready!);
    let rows: FoundPerson[] = [];
    if (online) {
      try {
        const r = await fetch(`${api}/checkins/search?q=${encodeURIComponent(q)}`, {
          credentials: 'same-origin',
        });
        if (r.ok) rows = ((await r.json()) as { results: FoundPerson[] }).results;
      } catch {
        setOnline(false);
        rows = store.search(q);
      }
    } else rows = store.search(q);
    renderFound(list, rows, t, words, (p) => {
      list.replaceChildren();
      input.value = '';
      // A speaker or official from the programme (no ticket): client/_checkin-person.ts.
      if ('personId' in p && typeof p.personId === 'string')
        void checkInPerson(api, csrf, lang, p.personId).then((r) =>
          r.ok ? show('green', p.name, r.line) : show('red', r.message),
        );
      else void scan({ registrationId: p.id }, 'search');
      input.focus();
    });
  }

  // The input takes a typed or wedge-scanned code (code + Enter), or a name/phone to search.
  // Results come as staff type a name or a number; a wedge scanner's code + Enter checks in at once.
  let typing: ReturnType<typeof setTimeout> | undefined;
  input.addEventListener('input', () => {
    clearTimeout(typing);
    const v = input.value.trim();
    if (v.length < 2 || (!/\s/.test(v) && ticketCodeOf(v))) return;
    typing = setTimeout(() => void search(v), 250);
  });
  $<HTMLFormElement>('ci-form').addEventListener('submit', (ev) => {
    ev.preventDefault();
    clearTimeout(typing);
    const v = input.value.trim();
    if (!v) return;
    const code = /\s/.test(v) ? null : ticketCodeOf(v);
    if (code) {
      input.value = '';
      list.replaceChildren();
      void scan({ ticketCode: code }, 'manual');
    } else if (v.length >= 2) void search(v);
    input.focus();
  });

  $<HTMLFormElement>('ci-walkin').addEventListener('submit', async (ev) => {
    ev.preventDefault();
    const form = ev.currentTarget as HTMLFormElement;
    const w = walkInFrom(form);
    if (!w) return show('red', t.error!);
    const done = await count.write(() =>
      submitWalkIn(w, {
        store,
        t,
        isOnline: () => online,
        setOnline,
        post: (body) => post(`${api}/checkins?lang=${lang}`, { ...(body as object), device }),
        answer: (body) => answer(body as ServerResult | ServerError),
        queued: (q) => {
          show('amber', q.name, t.pendingSync!, t.walkInQueued!);
          refreshBar();
        },
      }),
    );
    if (!done) return;
    form.reset();
    ($('ci-walkin-box') as HTMLDetailsElement).open = false;
  });

  // Camera: shown only where the browser can open one.
  const camBtn = $<HTMLButtonElement>('ci-camera');
  let camera: Camera | null = null;
  if (typeof navigator.mediaDevices?.getUserMedia === 'function') {
    camBtn.hidden = false;
    camBtn.addEventListener('click', async () => {
      if (camera) {
        camera.stop();
        camera = null;
        camBtn.textContent = t.camera!;
        return;
      }
      try {
        camera = await startCamera($<HTMLVideoElement>('ci-video'), (text) => {
          const code = ticketCodeOf(text);
          if (code) void scan({ ticketCode: code }, 'qr');
          else show('red', t.notInList!);
        });
        camBtn.textContent = t.stopCamera!;
      } catch {
        show('red', t.cameraError!);
      }
    });
  }

  if ('serviceWorker' in navigator) {
    navigator.serviceWorker.register(`${path}/sw.js`, { scope: path }).catch(() => {});
  }
  refreshBar();
  await sync();
  // Set once the roster is on the device: from here on the page can work offline.
  el.dataset.ready = '1';
}
