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
 * one brotli pass only when the page changed (a page rendered again with the same bytes keeps its
 * compressed ones, even after it was dropped). Keyed by path and language; `tag` names what drops it (an
 * event id, or `site`).
 *
 * During a registration rush every registration drops the event page (the places left must never lag, issue
 * 11), so two more rules keep the crowd cheap: visitors who miss at the same moment share one render
 * (`build`), and a page dropped again within `churnMs` of its last render is compressed at the cheap levels.
 */
export class MicroCache {
  private entries = new Map<string, { tag: string; page: Precompressed; expires: number }>();
  /** The last page of each key with when it was built, kept across drops (reuse of identical bytes, churn). */
  private last = new Map<string, { page: Precompressed; builtAt: number }>();
  private inflight = new Map<string, { tag: string | null; promise: Promise<Precompressed> }>();
  constructor(
    private readonly ttlMs = 1000,
    private readonly max = 1000,
    private readonly churnMs = 5000,
  ) {}

  get(key: string, locale: string, now = Date.now()): Precompressed | null {
    const e = this.entries.get(`${key}:${locale}`);
    return e && e.expires >= now ? e.page : null;
  }

  /** True while `page` is what this key would be answered with (the front lane replays it until then). */
  isCurrent(key: string, locale: string, page: Precompressed): boolean {
    return this.get(key, locale) === page;
  }

  /** Compresses `html` (unless it equals the last page of this key) and keeps it. */
  set(key: string, locale: string, tag: string, html: string, now = Date.now()): Precompressed {
    const k = `${key}:${locale}`;
    const last = this.last.get(k);
    const churn = !!last && now - last.builtAt < this.churnMs && !this.entries.has(k);
    const page = precompress(html, 'text/html; charset=utf-8', last?.page, { churn });
    if (this.entries.size >= this.max && !this.entries.has(k)) {
      for (const [old, v] of this.entries) if (v.expires < now) this.entries.delete(old);
      if (this.entries.size >= this.max) this.entries.clear();
    }
    if (this.last.size >= this.max && !this.last.has(k)) this.last.clear();
    this.entries.set(k, { tag, page, expires: now + this.ttlMs });
    this.last.set(k, { page, builtAt: last?.page === page ? last.builtAt : now });
    return page;
  }

  /**
   * The cached page, or one render shared by every visitor who misses while it runs. A drop during the
   * render detaches it: visitors arriving after the drop start a new render (they must see the change).
   */
  async build(
    key: string,
    locale: string,
    render: () => Promise<{ tag: string; html: string }>,
  ): Promise<Precompressed> {
    const hit = this.get(key, locale);
    if (hit) return hit;
    const k = `${key}:${locale}`;
    const running = this.inflight.get(k);
    if (running) return running.promise;
    const slot: { tag: string | null; promise: Promise<Precompressed> } = { tag: null, promise: null! };
    slot.promise = (async () => {
      try {
        const { tag, html } = await render();
        slot.tag = tag;
        // Dropped while rendering: answer the visitors who asked before the drop, keep nothing.
        if (this.inflight.get(k) !== slot)
          return precompress(html, 'text/html; charset=utf-8', null, { churn: true });
        return this.set(key, locale, tag, html);
      } finally {
        if (this.inflight.get(k) === slot) this.inflight.delete(k);
      }
    })();
    this.inflight.set(k, slot);
    return slot.promise;
  }

  invalidate(tag: string): void {
    for (const [k, v] of this.entries) if (v.tag === tag) this.entries.delete(k);
    // A render whose tag is not known yet may be for this tag: detaching it costs one extra render at most.
    for (const [k, v] of this.inflight) if (v.tag === tag || v.tag === null) this.inflight.delete(k);
  }
}
