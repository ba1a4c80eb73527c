import type { AppContext } from '../context.js';
import type { Db } from '../db/database.js';
import { inTransaction } from '../db/transaction.js';
import type {
  CoalescedMessage,
  LiveRole,
  ServerMessages,
  ServerMessageType,
  SnapshotDto,
} from '../shared/realtime.js';
import { type Envelope, LiveHub } from './hub.js';
import { realtimeRepository as repo } from './realtime.repository.js';
import { SocketLimits, socketCap } from './socket-limits.js';

/** A message without its sequence number (given when it is published). */
type Msg = { [K in ServerMessageType]: { t: K; d: ServerMessages[K] } }[ServerMessageType];

export interface Rendered {
  staff: Msg;
  /** `same` when participants see exactly what staff see; null when they see nothing of it. */
  pub: Msg | null | 'same';
}

type Renderer = (trx: Db, eventId: string, ids: string[]) => Promise<Rendered | null>;
type SnapshotProvider = (db: Db, eventId: string, role: LiveRole) => Promise<SnapshotDto>;

/** How many log rows a reconnecting client may replay before it gets a fresh snapshot instead. */
const REPLAY_LIMIT = 500;
/** Log rows kept per event; older ones are pruned (clients that far behind get a snapshot). */
const LOG_KEEP = 2000;

const NOTHING = Symbol('nothing to publish');

/** The dirty ids of one event's room, by kind, and its coalescing timer. */
interface Coalescing {
  kinds: Map<string, Set<string>>;
  timer: NodeJS.Timeout | null;
  lastFlush: number;
}

const serialize = (s: number, t: string, d: unknown) => JSON.stringify({ s, t, d });

/**
 * The live layer of one app node (built once in src/services.ts; the Q&A and live services share it:
 * one coalescer, one hub): hands out per-event sequence numbers, keeps the replay log,
 * coalesces vote churn into one update per room per interval, and fans every update out through the
 * bus (`live.message`, to every node) into the node's WebSocket hub.
 */
export class Realtime {
  readonly hub: LiveHub;
  /** This node's caps on live sockets, per address and in all. */
  readonly sockets: SocketLimits;
  /**
   * Vote counts are churn: one update per room at most every `interval`, which follows what a broadcast
   * to the room costs on this node (`coalesceFactor` times it, between the bounds). A small room gets its
   * counts almost at once; a big one is kept below saturation (research/limits.md: a broadcast to 5,000
   * sockets costs 50–150 ms of a core), where a fixed window would either queue updates or add latency.
   */
  coalesceMinMs = 40;
  coalesceMaxMs = 1000;
  coalesceFactor = 1.5;
  private ensured = new Set<string>();
  private renderers = new Map<string, Renderer>();
  private rooms = new Map<string, Coalescing>();
  private flushing: Promise<void> = Promise.resolve();
  private snapshotProvider: SnapshotProvider | null = null;
  private snapshots = new Map<
    string,
    { seq: number; at: number; value: Promise<{ seq: number; message: string }> }
  >();
  private unsubscribe: () => void;
  private closed = false;

  constructor(private ctx: AppContext) {
    this.hub = new LiveHub(this, ctx.config.live.pingMs);
    this.sockets = new SocketLimits(
      ctx.config.live.maxSocketsPerAddress,
      socketCap(ctx.config.live.maxSockets),
    );
    this.unsubscribe = ctx.bus.onEveryNode('live.message', ({ eventId, message }) => {
      this.hub.receive(eventId, message as Envelope);
    });
  }

  get db(): Db {
    return this.ctx.db;
  }

  setSnapshotProvider(p: SnapshotProvider): void {
    this.snapshotProvider = p;
  }

  private async ensure(eventId: string): Promise<void> {
    if (this.ensured.has(eventId)) return;
    await repo.ensureState(this.ctx.db, eventId);
    this.ensured.add(eventId);
  }

  /**
   * Takes the next sequence number and renders the message in the same transaction (so its content is
   * at least as new as any lower-numbered message), logs it for replay, then sends it to every node.
   */
  async publish(eventId: string, render: (trx: Db) => Promise<Rendered | null>): Promise<Envelope | null> {
    await this.ensure(eventId);
    const env = await inTransaction(this.ctx.db, async (trx) => {
      // Number first: the update takes the lock, so what is read next includes every earlier commit.
      const s = await repo.nextSeq(trx, eventId);
      if (s === null) throw NOTHING;
      const r = await render(trx);
      // Nothing to say: roll the number back rather than leave a gap that clients would wait on.
      if (!r) throw NOTHING;
      const staff = serialize(s, r.staff.t, r.staff.d);
      const pub = r.pub === 'same' ? staff : r.pub === null ? null : serialize(s, r.pub.t, r.pub.d);
      await repo.appendLog(trx, { event_id: eventId, seq: s, staff, public: pub, at: Date.now() });
      return { s, staff, pub } satisfies Envelope;
    }).catch((err: unknown) => {
      if (err === NOTHING) return null;
      throw err;
    });
    if (!env) return null;
    // This node's sockets first, straight from memory after the commit; the bus then carries it to the
    // other nodes (Redis brings our own copy back too: the hub drops a number it already delivered).
    this.hub.receive(eventId, env);
    await this.ctx.bus.emit('live.message', { eventId, message: env });
    if (env.s % 256 === 0) await repo.prune(this.ctx.db, eventId, env.s - LOG_KEEP);
    return env;
  }

  /** The current coalescing window of an event's room on this node (ms). */
  intervalFor(eventId: string): number {
    const ms = this.hub.broadcastMs(eventId) * this.coalesceFactor;
    return Math.round(Math.min(this.coalesceMaxMs, Math.max(this.coalesceMinMs, ms)));
  }

  /** Registers how a coalesced kind (vote counts) renders its dirty ids into one message. */
  defineCoalesced(kind: string, render: Renderer): void {
    this.renderers.set(kind, render);
  }

  /** Marks an id dirty; one message per room and kind goes out at most every `intervalFor(room)`. */
  touch(kind: string, eventId: string, id: string): void {
    if (this.closed) return;
    let room = this.rooms.get(eventId);
    if (!room) {
      room = { kinds: new Map(), timer: null, lastFlush: 0 };
      this.rooms.set(eventId, room);
    }
    const ids = room.kinds.get(kind) ?? new Set<string>();
    room.kinds.set(kind, ids);
    ids.add(id);
    if (room.timer) return;
    // Leading edge: a lone vote goes out at once; under churn, one update per interval.
    const wait = Math.max(0, room.lastFlush + this.intervalFor(eventId) - Date.now());
    room.timer = setTimeout(() => {
      room.timer = null;
      this.flushing = this.flushing.then(() => this.flushRoom(eventId));
    }, wait);
  }

  /** Kept per event once it had votes (a few bytes each): the window runs from the last flush. */
  private async flushRoom(eventId: string): Promise<void> {
    const room = this.rooms.get(eventId);
    if (!room || room.kinds.size === 0) return;
    room.lastFlush = Date.now();
    const kinds = [...room.kinds].filter(([kind]) => this.renderers.has(kind));
    room.kinds = new Map();
    // Every kind that changed in this window goes out in one update: a broadcast to a big room costs
    // the same whatever it carries, so votes beside word-cloud answers must not double the broadcasts.
    try {
      await this.publish(eventId, async (trx) => {
        const parts: Rendered[] = [];
        for (const [kind, ids] of kinds) {
          const r = await this.renderers.get(kind)!(trx, eventId, [...ids]);
          if (r) parts.push(r);
        }
        if (parts.length <= 1) return parts[0] ?? null;
        const pub = parts.flatMap((p) => (p.pub === 'same' ? [p.staff] : p.pub ? [p.pub] : []));
        return {
          staff: { t: 'batch', d: parts.map((p) => p.staff as CoalescedMessage) },
          pub: pub.length ? { t: 'batch', d: pub as CoalescedMessage[] } : null,
        };
      });
    } catch (err) {
      this.ctx.log.error({ err, eventId, kinds: kinds.map(([k]) => k) }, 'live: coalesced update failed');
    }
  }

  /** Sends every pending coalesced update now (also used by tests and on shutdown). */
  async flush(): Promise<void> {
    for (const [eventId, room] of [...this.rooms]) {
      if (room.timer) clearTimeout(room.timer);
      room.timer = null;
      await this.flushRoom(eventId);
    }
  }

  /** Waits until every touched id has been published (tests use it instead of sleeping). */
  async settle(): Promise<void> {
    this.flushing = this.flushing.then(() => this.flush());
    await this.flushing;
  }

  async snapshot(eventId: string, role: LiveRole): Promise<{ seq: number; message: string }> {
    if (!this.snapshotProvider) throw new Error('live: no snapshot provider registered');
    await this.ensure(eventId);
    // The sequence is read before the data: the data can only be newer, and newer is harmless because
    // every update carries the whole state of what it changes.
    const seq = await repo.currentSeq(this.ctx.db, eventId);
    // A reconnect storm (a node restarts, the hall Wi-Fi comes back) asks for the same snapshot thousands
    // of times: build it once per sequence number and role, and keep it a second at most (it carries the
    // server's clock for the stage timer, and the rundown can change without a live update).
    const key = `${eventId}:${role}`;
    const cached = this.snapshots.get(key);
    if (cached && cached.seq === seq && Date.now() - cached.at < 1000) return cached.value;
    const value = this.snapshotProvider(this.ctx.db, eventId, role).then((d) => ({
      seq,
      message: serialize(seq, 'snapshot', d),
    }));
    this.snapshots.set(key, { seq, at: Date.now(), value });
    value.catch(() => this.snapshots.delete(key));
    return value;
  }

  /**
   * The updates a client at `since` missed, as serialized messages for its role; a snapshot instead
   * when it has none, is too far behind, or claims a number from the future.
   */
  async catchUp(
    eventId: string,
    role: LiveRole,
    since: number | null,
  ): Promise<{ seq: number; messages: string[] }> {
    await this.ensure(eventId);
    if (since !== null && since >= 0) {
      const current = await repo.currentSeq(this.ctx.db, eventId);
      if (since === current) return { seq: current, messages: [] };
      if (since < current) {
        const rows = await repo.readLog(this.ctx.db, eventId, since, REPLAY_LIMIT + 1);
        const contiguous = rows.length > 0 && Number(rows[0]!.seq) === since + 1;
        if (contiguous && rows.length <= REPLAY_LIMIT) {
          const last = Number(rows[rows.length - 1]!.seq);
          const messages = rows
            .map((r) => (role === 'staff' ? r.staff : r.public))
            .filter((m): m is string => m !== null);
          return { seq: last, messages };
        }
      }
    }
    const snap = await this.snapshot(eventId, role);
    return { seq: snap.seq, messages: [snap.message] };
  }

  async close(): Promise<void> {
    this.closed = true;
    for (const room of this.rooms.values()) if (room.timer) clearTimeout(room.timer);
    await this.flushing.catch(() => undefined);
    this.rooms.clear();
    this.unsubscribe();
    this.hub.close();
  }
}
