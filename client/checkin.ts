// The door check-in page: camera, keyboard-wedge scanner and search, a big green/amber/red answer,
// and an offline mode that checks people in against the roster kept on the phone and syncs later.
import { type Camera, startCamera } from './_checkin-camera.js';
import { DoorCount } from './_checkin-count.js';
import { deviceName, feedback, type Tone } from './_checkin-feedback.js';
import { appendOverride } from './_checkin-override.js';
import { checkInPerson } from './_checkin-person.js';
import {
  createStore,
  type DoorWindow,
  newScanId,
  type QueuedScan,
  type RosterPerson,
  ticketCodeOf,
  ticketHash,
} from './_checkin-store.js';
import { renderPending, submitWalkIn, walkInFrom } from './_checkin-walkin.js';

type Texts = Record<string, string>;

interface ServerResult {
  /** `waitlisted`: a walk-in the full hall could only put on its waitlist (not checked in). */
  result: 'checked_in' | 'already_checked_in' | 'waitlisted';
  first: boolean;
  message: string;
  registration: {
    id: string;
    name: string;
    institution: string | null;
    mode: 'onsite' | 'online';
    seat: string | null;
  };
  checkedInAt: string;
  checkedInBy: string | null;
  clockFlagged?: boolean;
  /** Registered here as a walk-in (the door shows their ticket as a QR code). */
  walkIn?: boolean;
}
interface ServerError {
  error: { code: string; message: string; registrationId?: string; overridable?: boolean };
}
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

  const fmt = (s: string, vars: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k) => vars[k] ?? '');
  const time = (ms: number) => {
    const p = new Intl.DateTimeFormat('en-GB', {
      timeZone: tz,
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    }).formatToParts(ms);
    const h = p.find((x) => x.type === 'hour')?.value ?? '';
    const m = p.find((x) => x.type === 'minute')?.value ?? '';
    return lang === 'id' ? `${h}.${m}` : `${h}:${m}`;
  };
  const day = (ms: number) =>
    new Intl.DateTimeFormat(lang === 'id' ? 'id-ID' : 'en-GB', {
      timeZone: tz,
      weekday: 'long',
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    }).format(ms);
  /** "pukul 08.30" today; with the date on any other day (an arrival yesterday is not "at 08.30"). */
  const when = (ms: number) =>
    day(ms) === day(Date.now())
      ? fmt(t.at!, { time: time(ms) })
      : `${day(ms)}, ${fmt(t.at!, { time: time(ms) })}`;

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

  const modeLine = (p: { mode: string; seat: string | null }) =>
    `${p.mode === 'onsite' ? t.onsite : t.online}${p.seat ? ` · ${t.seat} ${p.seat}` : ''}`;

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
    if (!p) {
      store.enqueue(s);
      refreshBar();
      return show('red', t.notInList!);
    }
    // Outside the doors' window the server would refuse it: say so now rather than after the sync.
    const w = store.doorWindow();
    if (w && s.scannedAt < w.doorsOpen)
      return show('red', p.name, fmt(t.notOpenYet!, { when: when(w.doorsOpen) }));
    if (w && s.scannedAt > w.closes) return show('red', p.name, fmt(t.closedAt!, { when: when(w.closes) }));
    if (p.status === 'cancelled') return show('red', p.name, t.cancelled!);
    if (p.status !== 'confirmed') return show('red', p.name, t.waitlisted!);
    if (p.mode === 'online') return show('red', p.name, t.registeredOnline!);
    if (p.checkedInAt) {
      return show(
        'amber',
        p.name,
        [
          fmt(t.alreadyAt!, { time: when(p.checkedInAt) }),
          p.checkedInBy ? fmt(t.by!, { name: p.checkedInBy }) : '',
        ].join(' '),
        modeLine(p),
      );
    }
    store.enqueue({ ...s, personId: p.id });
    store.markArrived(p.id, s.scannedAt, null);
    refreshBar();
    show('green', p.name, `${t.welcome}. ${t.offlineSaved}`, modeLine(p));
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
    const queue = store.queue();
    if (!queue.length) return refreshRoster();
    syncing = true;
    const notices: { tone: Tone; title: string; line: string }[] = [];
    try {
      let sent = 0;
      for (let i = 0; i < queue.length; i += 200) {
        const chunk = queue.slice(i, i + 200);
        const body = await count.write(async () => {
          const r = await post(`${api}/checkins/sync?lang=${lang}`, {
            device,
            scans: chunk.map(({ personId: _local, ...s }) => s),
          });
          if (!r.ok) return null;
          const body = (await r.json()) as {
            results: (
              | (ServerResult & { scanId: string })
              | (ServerError & { scanId: string; result: 'error' })
            )[];
          };
          // By the answers, as a single scan counts: the server's own number (in the answer too) could hold a
          // scan answered at the same moment. The count read after the sync brings in other phones' arrivals.
          count.add(body.results.filter((x) => !('error' in x) && x.first).length);
          return body;
        });
        if (!body) break;
        // A walk-in another request is still registering stays queued for the next round.
        const retry = new Set(
          body.results.flatMap((x) =>
            'error' in x && x.error.code === 'walkin_in_progress' ? [x.scanId] : [],
          ),
        );
        store.dequeue(new Set(chunk.map((s) => s.scanId).filter((id) => !retry.has(id))));
        sent += chunk.length - retry.size;
        // The device learns what became of each walk-in it registered offline (waitlisted, hall full…).
        const walkIns = new Set(chunk.flatMap((s) => (s.walkIn ? [s.scanId] : [])));
        for (const x of body.results) {
          if (!walkIns.has(x.scanId) || retry.has(x.scanId)) continue;
          if ('error' in x) notices.push({ tone: 'red', title: x.error.message, line: '' });
          else
            notices.push({
              tone: x.result === 'waitlisted' ? 'amber' : 'green',
              title: x.registration.name,
              line: x.message,
            });
        }
      }
      const bad = notices.find((n) => n.tone !== 'green');
      if (bad) show(bad.tone, bad.title, bad.line, fmt(t.synced!, { n: String(sent) }));
      else if (sent && resultBox.dataset.tone !== 'red') show('idle', fmt(t.synced!, { n: String(sent) }));
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
    let rows: (
      | RosterPerson
      | (ServerResult['registration'] & { checkedInAt: string | null; phone4: string | null })
    )[] = [];
    if (online) {
      try {
        const r = await fetch(`${api}/checkins/search?q=${encodeURIComponent(q)}`, {
          credentials: 'same-origin',
        });
        if (r.ok) rows = ((await r.json()) as { results: typeof rows }).results;
      } catch {
        setOnline(false);
        rows = store.search(q);
      }
    } else rows = store.search(q);
    list.replaceChildren();
    if (!rows.length) {
      const li = document.createElement('li');
      li.textContent = t.none!;
      list.append(li);
      return;
    }
    for (const p of rows) {
      const li = document.createElement('li');
      const span = document.createElement('span');
      const at = typeof p.checkedInAt === 'string' ? Date.parse(p.checkedInAt) : p.checkedInAt;
      span.textContent = [
        p.name,
        p.institution,
        modeLine(p),
        p.phone4 ? `…${p.phone4}` : '',
        at ? `${t.already} ${when(at)}` : '',
      ]
        .filter(Boolean)
        .join(' · ');
      const b = document.createElement('button');
      b.type = 'button';
      b.textContent = t.checkIn!;
      b.addEventListener('click', () => {
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
      li.append(span, b);
      list.append(li);
    }
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
