import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import type { DomainEventName, DomainEvents } from './domain-events.js';

type Handler<K extends DomainEventName> = (payload: DomainEvents[K]) => void | Promise<void>;
type AnyHandler = (payload: unknown) => void | Promise<void>;

/**
 * Two kinds of subscription:
 * - `on`: a side effect that must happen once in the cluster (send an e-mail); runs on the node that emitted.
 * - `onEveryNode`: fan-out that every node must see (push to its own WebSocket clients).
 * - `onEveryNodeAtOnce`: the same, and also on the emitting node before `emit` returns, for idempotent handlers
 *   such as dropping a cache: the node that made a change must not serve what it replaced while its own
 *   message makes the round trip through Redis.
 */
export interface Bus {
  emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void>;
  on<K extends DomainEventName>(name: K, handler: Handler<K>): () => void;
  onEveryNode<K extends DomainEventName>(name: K, handler: Handler<K>): () => void;
  onEveryNodeAtOnce<K extends DomainEventName>(name: K, handler: Handler<K>): () => void;
  readonly nodeId: string;
  close(): Promise<void>;
}

abstract class BaseBus implements Bus {
  readonly nodeId = randomUUID();
  protected local = new Map<string, Set<AnyHandler>>();
  protected everyNode = new Map<string, Set<AnyHandler>>();
  onError: (err: unknown, name: string) => void = (err, name) => {
    console.error(`bus handler for ${name} failed`, err);
  };

  protected static add(map: Map<string, Set<AnyHandler>>, name: string, handler: AnyHandler): () => void {
    const set = map.get(name) ?? new Set<AnyHandler>();
    map.set(name, set);
    set.add(handler);
    return () => set.delete(handler);
  }

  on<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    return BaseBus.add(this.local, name, handler as AnyHandler);
  }

  onEveryNode<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    return BaseBus.add(this.everyNode, name, handler as AnyHandler);
  }

  onEveryNodeAtOnce<K extends DomainEventName>(name: K, handler: Handler<K>): () => void {
    const offHere = this.on(name, handler);
    const offEverywhere = this.onEveryNode(name, handler);
    return () => {
      offHere();
      offEverywhere();
    };
  }

  protected async run(map: Map<string, Set<AnyHandler>>, name: string, payload: unknown): Promise<void> {
    const set = map.get(name);
    if (!set) return;
    for (const h of set) {
      try {
        await h(payload);
      } catch (err) {
        this.onError(err, name);
      }
    }
  }

  abstract emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void>;
  abstract close(): Promise<void>;
}

export class MemoryBus extends BaseBus {
  async emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    await this.run(this.everyNode, name, payload);
    await this.run(this.local, name, payload);
  }
  async close(): Promise<void> {}
}

/** Publishes every event on one Redis channel; each node runs its `onEveryNode` handlers on receipt. */
export class RedisBus extends BaseBus {
  private pub: Redis;
  private sub: Redis;
  private channel: string;
  private ready: Promise<unknown>;

  constructor(url: string, prefix: string) {
    super();
    this.channel = `${prefix}:bus`;
    this.pub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.sub = new Redis(url, { maxRetriesPerRequest: 3 });
    this.sub.on('message', (_channel: string, raw: string) => {
      let msg: { n: string; p: unknown };
      try {
        msg = JSON.parse(raw);
      } catch {
        return;
      }
      void this.run(this.everyNode, msg.n, msg.p);
    });
    this.ready = this.sub.subscribe(this.channel);
  }

  async emit<K extends DomainEventName>(name: K, payload: DomainEvents[K]): Promise<void> {
    await this.ready;
    await this.pub.publish(this.channel, JSON.stringify({ n: name, p: payload }));
    await this.run(this.local, name, payload);
  }

  /** Resolves once the subscription is active, so a test can publish right after start. */
  whenReady(): Promise<unknown> {
    return this.ready;
  }

  get redis(): Redis {
    return this.pub;
  }

  async close(): Promise<void> {
    this.sub.disconnect();
    this.pub.disconnect();
  }
}

export function createBus(redis: { url: string; prefix: string } | null): Bus {
  return redis ? new RedisBus(redis.url, redis.prefix) : new MemoryBus();
}
