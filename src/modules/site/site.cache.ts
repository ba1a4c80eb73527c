/**
 * Rendered public event pages, per event and language, for anonymous visitors (the WhatsApp crowd
 * opening the same link). An entry is valid while the event's `updated_at` is unchanged and for a
 * few seconds at most, which bounds staleness for changes that do not touch the event row (people
 * and rundown edited through the API). Bus events drop entries at once on every node.
 */
interface CachedPage {
  head: string;
  tail: string;
}

interface Entry extends CachedPage {
  stamp: number;
  expires: number;
}

export class PageCache {
  private entries = new Map<string, Entry>();
  constructor(
    private readonly ttlMs = 5000,
    private readonly max = 500,
  ) {}

  get(eventId: string, locale: string, stamp: number, now = Date.now()): CachedPage | null {
    const e = this.entries.get(`${eventId}:${locale}`);
    if (!e || e.stamp !== stamp || e.expires < now) return null;
    return e;
  }

  set(eventId: string, locale: string, stamp: number, page: CachedPage, now = Date.now()): CachedPage {
    if (this.entries.size >= this.max) {
      // Maps iterate in insertion order: drop the oldest.
      const first = this.entries.keys().next().value;
      if (first !== undefined) this.entries.delete(first);
    }
    const entry = { ...page, stamp, expires: now + this.ttlMs };
    this.entries.set(`${eventId}:${locale}`, entry);
    return entry;
  }

  invalidate(eventId: string): void {
    for (const key of [...this.entries.keys()]) if (key.startsWith(`${eventId}:`)) this.entries.delete(key);
  }
}

/**
 * Whole anonymous event pages, including the other modules' sections (registration with places
 * left, gallery), for one second: a crowd opening the link from a WhatsApp group costs one render
 * per second instead of one per visitor. A second is the most a place count can lag; registering
 * itself is checked by the database, never by this page. Keyed by slug and language.
 */
export class MicroCache {
  private entries = new Map<string, { eventId: string; html: string; expires: number }>();
  constructor(
    private readonly ttlMs = 1000,
    private readonly max = 1000,
  ) {}

  get(slug: string, locale: string, now = Date.now()): string | null {
    const e = this.entries.get(`${slug}:${locale}`);
    return e && e.expires >= now ? e.html : null;
  }

  set(slug: string, locale: string, eventId: string, html: string, now = Date.now()): void {
    if (this.entries.size >= this.max) {
      for (const [k, v] of this.entries) if (v.expires < now) this.entries.delete(k);
      if (this.entries.size >= this.max) this.entries.clear();
    }
    this.entries.set(`${slug}:${locale}`, { eventId, html, expires: now + this.ttlMs });
  }

  invalidate(eventId: string): void {
    for (const [k, v] of this.entries) if (v.eventId === eventId) this.entries.delete(k);
  }
}
