/**
 * Values kept by a string key, for pure work done per request from a handful of distinct inputs: a date line, a
 * parsed header, a policy per host, a page frame per title. Bounded by starting again when full, since some keys
 * come from clients (a Host, an Accept-Encoding) and a memo that only grew would be a leak; starting again costs
 * one computation per key still in use.
 */
export class BoundedMemo<V> {
  readonly #values = new Map<string, V>();

  constructor(private readonly max: number) {}

  /** The value kept for `key`, or `make()`'s, kept. */
  get(key: string, make: () => V): V {
    let value = this.#values.get(key);
    if (value === undefined) {
      value = make();
      if (this.#values.size >= this.max) this.#values.clear();
      this.#values.set(key, value);
    }
    return value;
  }

  /** The value kept for `key`, if any, without making one. */
  peek(key: string): V | undefined {
    return this.#values.get(key);
  }
}
