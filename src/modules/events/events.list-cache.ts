/**
 * The anonymous answer of `GET /api/v1/events`, serialized and compressed, for a short while. Everyone who is not
 * logged in gets the same list (published events, no join links), and it is what an integration or a
 * home-page widget polls. Bus events (`event.updated`, `event.published`) drop it at once on every
 * node; the time limit bounds staleness for what does not emit them (an organization renamed, a demo
 * loaded from the command line).
 */
export class PublicListCache<T = string> {
  private body: T | null = null;
  private expires = 0;
  private inflight: Promise<T> | null = null;
  // Bumped by every invalidation: an answer read from the database before it is never stored after it.
  private generation = 0;

  constructor(private readonly ttlMs = 2000) {}

  /** The cached body, or `load()` run once for all callers waiting at the same moment. */
  get(load: () => Promise<T>, now = Date.now()): Promise<T> {
    if (this.body !== null && this.expires >= now) return Promise.resolve(this.body);
    if (this.inflight) return this.inflight;
    const generation = this.generation;
    const p = load()
      .then((body) => {
        if (generation === this.generation) {
          this.body = body;
          this.expires = Date.now() + this.ttlMs;
        }
        return body;
      })
      .finally(() => {
        if (this.inflight === p) this.inflight = null;
      });
    this.inflight = p;
    return p;
  }

  invalidate(): void {
    this.generation++;
    this.body = null;
    this.inflight = null;
  }
}
