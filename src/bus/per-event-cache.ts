import type { Bus } from './bus.js';
import type { DomainEventName, DomainEvents } from './domain-events.js';

/** The domain events whose payload names one event: those that can drop a per-event entry. */
type PerEventName = {
  [K in DomainEventName]: DomainEvents[K] extends { eventId: string } ? K : never;
}[DomainEventName];

/**
 * One value per event that every participant request reads again (the event's settings, its evaluation form,
 * its seat plan's size) and that changes only when an organizer saves it. The value is kept in memory until
 * one of the named domain events says that event's value changed: on every node, and on the node that saved
 * it before the save returns (`onEveryNodeAtOnce`), so no node serves what a save replaced once the
 * message has reached it. Every writer of the cached rows must emit one of these events (see the callers).
 *
 * A load that was running while any entry was dropped is used but not kept: it may have read the row just
 * before the write it was dropped for. Bounded: past `max` events the oldest entry goes.
 */
export class PerEventCache<V> {
  readonly #values = new Map<string, V>();
  /** Bumped on every drop: a load that started before it does not store what it read. */
  #generation = 0;

  constructor(
    bus: Bus,
    names: readonly PerEventName[],
    private readonly max = 2000,
  ) {
    for (const name of [...names, 'event.deleted'] as const) {
      bus.onEveryNodeAtOnce(name, (p) => this.drop((p as { eventId: string }).eventId));
    }
  }

  async get(eventId: string, load: () => Promise<V>): Promise<V> {
    if (this.#values.has(eventId)) return this.#values.get(eventId) as V;
    const generation = this.#generation;
    const value = await load();
    if (generation === this.#generation) {
      if (this.#values.size >= this.max) this.#values.delete(this.#values.keys().next().value!);
      this.#values.set(eventId, value);
    }
    return value;
  }

  drop(eventId: string): void {
    this.#generation++;
    this.#values.delete(eventId);
  }
}
