import { type Precompressed, precompress } from '../../http/precompressed.js';

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

/** What an anonymous page depends on besides its path: the language, from the header or the `lang` cookie. */
export const ANONYMOUS_VARY = ['Accept-Language', 'Cookie'];

/**
 * Whole anonymous pages (the event page with the other modules' sections — registration with places
 * left, gallery —, the home page, an organization's page), compressed, for one second: a crowd
 * opening the link from a WhatsApp group costs one render per second instead of one per visitor, and
 * one brotli pass only when the page changed (an expired entry's bytes are reused for an identical
 * render). A second is the most a place count can lag; registering itself is checked by the database,
 * never by this page. Keyed by path and language; `tag` names what drops it (an event id, or `site`).
 */
export class MicroCache {
  private entries = new Map<string, { tag: string; page: Precompressed; expires: number }>();
  constructor(
    private readonly ttlMs = 1000,
    private readonly max = 1000,
  ) {}

  get(key: string, locale: string, now = Date.now()): Precompressed | null {
    const e = this.entries.get(`${key}:${locale}`);
    return e && e.expires >= now ? e.page : null;
  }

  /** Compresses `html` (unless it equals the expired entry's page) and keeps it. */
  set(key: string, locale: string, tag: string, html: string, now = Date.now()): Precompressed {
    const k = `${key}:${locale}`;
    const page = precompress(html, 'text/html; charset=utf-8', this.entries.get(k)?.page);
    if (this.entries.size >= this.max && !this.entries.has(k)) {
      for (const [old, v] of this.entries) if (v.expires < now) this.entries.delete(old);
      if (this.entries.size >= this.max) this.entries.clear();
    }
    this.entries.set(k, { tag, page, expires: now + this.ttlMs });
    return page;
  }

  invalidate(tag: string): void {
    for (const [k, v] of this.entries) if (v.tag === tag) this.entries.delete(k);
  }
}
