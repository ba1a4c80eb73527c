// Walk-ins at the door: registered at once with a connection, or kept in the queue on this phone (with
// the id the server uses to register the person once, whatever the number of replays) and shown as
// "waiting to sync" until the server answers.
import { newScanId, type QueuedScan, type Store, type WalkInData } from './_checkin-store.js';

export interface WalkInDeps {
  store: Store;
  /** True while the page believes it has a connection. */
  isOnline(): boolean;
  /** Posts a walk-in to the check-in API; rejects on a network failure. */
  post(body: unknown): Promise<Response>;
  /** Shows the server's answer (or error) the way a scan's answer is shown. */
  answer(body: unknown): void;
  setOnline(v: boolean): void;
  queued(w: WalkInData): void;
  t: Record<string, string>;
}

/** The form's fields as the API takes them; null when required fields are missing. */
export function walkInFrom(form: HTMLFormElement): WalkInData | null {
  const data = new FormData(form);
  const text = (k: string) => {
    const v = String(data.get(k) ?? '').trim();
    return v || undefined;
  };
  const name = text('name');
  const consent = (form.elements.namedItem('consent') as HTMLInputElement).checked;
  if (!name || !consent) return null;
  return {
    name,
    phone: text('phone'),
    email: text('email'),
    institution: text('institution'),
    consent: true,
  };
}

/** Registers a walk-in now, or queues it; the same id goes with every attempt. False: the server refused it. */
export async function submitWalkIn(w: WalkInData, deps: WalkInDeps): Promise<boolean> {
  const scan: QueuedScan = { scanId: newScanId(), walkIn: w, scannedAt: Date.now(), method: 'manual' };
  if (deps.isOnline()) {
    try {
      const r = await deps.post({ walkIn: w, scanId: scan.scanId, scannedAt: scan.scannedAt });
      const body: unknown = await r.json();
      deps.answer(body);
      return r.ok;
    } catch {
      deps.setOnline(false);
    }
  }
  deps.store.enqueue(scan);
  deps.queued(w);
  return true;
}

/** The queued walk-ins, listed under the form as "waiting to sync". */
export function renderPending(list: HTMLElement, store: Store, t: Record<string, string>): void {
  list.replaceChildren();
  for (const s of store.queue()) {
    if (!s.walkIn) continue;
    const li = document.createElement('li');
    li.dataset.pending = s.scanId;
    const name = document.createElement('span');
    name.textContent = s.walkIn.name;
    const state = document.createElement('em');
    state.textContent = t.pendingSync ?? '';
    li.append(name, state);
    list.append(li);
  }
}
