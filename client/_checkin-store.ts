// The door device's own memory: the event roster (only what the door needs) and the queue of scans
// not yet confirmed by the server. localStorage is synchronous and survives reloads and restarts;
// a roster of a few thousand people is a few hundred kilobytes, well inside its quota.
import { nameSearchKey } from '../src/shared/names.js';

export interface RosterPerson {
  id: string;
  h: string;
  name: string;
  institution: string | null;
  phone4: string | null;
  mode: 'onsite' | 'online';
  status: string;
  seat: string | null;
  checkedInAt: number | null;
  checkedInBy: string | null;
}

/** When door scans count (epoch ms), from the roster. */
export interface DoorWindow {
  doorsOpen: number;
  closes: number;
}

/** A person registered at the door (the API's `walkIn`). */
export interface WalkInData {
  name: string;
  phone?: string;
  email?: string;
  institution?: string;
  consent: true;
}

export interface QueuedScan {
  /** For a walk-in, also its id: the server registers the person once, however often it is sent. */
  scanId: string;
  ticketCode?: string;
  registrationId?: string;
  walkIn?: WalkInData;
  scannedAt: number;
  method: 'qr' | 'search' | 'manual';
  /** Known locally (kept on this device only, never sent): whose arrival this is. */
  personId?: string;
}

function read<T>(key: string, fallback: T): T {
  try {
    const raw = localStorage.getItem(key);
    return raw ? (JSON.parse(raw) as T) : fallback;
  } catch {
    return fallback;
  }
}

function write(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    // Quota exceeded or storage disabled: the page still works online.
  }
}

export function createStore(eventId: string) {
  const rosterKey = `aula-checkin-roster:${eventId}`;
  const queueKey = `aula-checkin-queue:${eventId}`;
  const countKey = `aula-checkin-count:${eventId}`;
  const windowKey = `aula-checkin-window:${eventId}`;
  let people = read<RosterPerson[]>(rosterKey, []);
  let byHash = new Map(people.map((p) => [p.h, p]));
  let byId = new Map(people.map((p) => [p.id, p]));

  const index = () => {
    byHash = new Map(people.map((p) => [p.h, p]));
    byId = new Map(people.map((p) => [p.id, p]));
  };

  return {
    get size() {
      return people.length;
    },
    setRoster(next: RosterPerson[]) {
      // Arrivals this device made offline stay marked until the server has them.
      const queued = new Set(this.queue().map((q) => q.personId));
      const mine = new Map(people.filter((p) => p.checkedInAt && queued.has(p.id)).map((p) => [p.id, p]));
      people = next.map((p) => {
        const local = mine.get(p.id);
        return !p.checkedInAt && local
          ? { ...p, checkedInAt: local.checkedInAt, checkedInBy: local.checkedInBy }
          : p;
      });
      index();
      write(rosterKey, people);
    },
    byHash: (h: string) => byHash.get(h),
    byId: (id: string) => byId.get(id),
    markArrived(id: string, at: number, by: string | null) {
      const p = byId.get(id);
      if (!p || p.checkedInAt) return;
      p.checkedInAt = at;
      p.checkedInBy = by;
      write(rosterKey, people);
    },
    /**
     * The same search as the server's, on what this phone keeps: a name without titles or diacritics (the
     * shared nameSearchKey), or the last four digits of a phone number (all the roster keeps of it).
     */
    search(q: string): RosterPerson[] {
      if (!/\p{L}/u.test(q)) {
        const digits = q.replace(/\D/g, '');
        if (digits.length < 4) return [];
        return people.filter((p) => p.phone4 && digits.endsWith(p.phone4)).slice(0, 20);
      }
      const words = nameSearchKey(q).split(' ').filter(Boolean);
      if (!words.length) return [];
      return people
        .filter((p) => {
          const key = nameSearchKey(p.name);
          return words.every((w) => key.includes(w));
        })
        .slice(0, 20);
    },
    /**
     * The last hall count the server gave, kept with the time it came: a page reloaded offline (served by the
     * service worker from an older copy) starts from it instead of the copy's stale number.
     */
    /** The doors' window as the server last gave it, for scans made offline. */
    setWindow(w: DoorWindow) {
      write(windowKey, w);
    },
    doorWindow: () => read<DoorWindow | null>(windowKey, null),
    saveCount(n: number) {
      write(countKey, { n, at: Date.now() });
    },
    savedCount: () => read<{ n: number; at: number } | null>(countKey, null),
    queue: () => read<QueuedScan[]>(queueKey, []),
    enqueue(scan: QueuedScan) {
      const q = read<QueuedScan[]>(queueKey, []);
      q.push(scan);
      write(queueKey, q);
    },
    dequeue(scanIds: Set<string>) {
      write(
        queueKey,
        read<QueuedScan[]>(queueKey, []).filter((s) => !scanIds.has(s.scanId)),
      );
    },
  };
}

export type Store = ReturnType<typeof createStore>;

/** SHA-256 of the ticket code, as the server's roster has it (first 32 hex digits). */
export async function ticketHash(code: string): Promise<string | null> {
  if (!globalThis.crypto?.subtle) return null;
  const buf = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(code));
  return [...new Uint8Array(buf)]
    .map((b) => b.toString(16).padStart(2, '0'))
    .join('')
    .slice(0, 32);
}

export function newScanId(): string {
  if (typeof globalThis.crypto?.randomUUID === 'function') return crypto.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

/** The ticket code inside what the camera or a keyboard-wedge scanner read (a bare code or a ticket URL). */
export function ticketCodeOf(raw: string): string | null {
  const s = raw.trim();
  const m = /\/t\/([0-9A-Za-z_-]{8,80})(?:[/?#].*)?$/.exec(s);
  const code = m ? m[1]! : s;
  return /^[0-9A-Za-z_-]{16,80}$/.test(code) ? code.toLowerCase() : null;
}
