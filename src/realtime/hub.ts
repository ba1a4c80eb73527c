import type { WebSocket } from 'ws';
import { CLOSE_SLOW, type LiveRole } from '../shared/realtime.js';
import type { Envelope, Realtime } from './realtime.js';
import { realtimeRepository as repo } from './realtime.repository.js';

interface Client {
  ws: WebSocket;
  role: LiveRole;
  /** The highest sequence number this client has been given (or skipped for its role). */
  last: number;
  /** Live updates held back while the client's catch-up is being read. */
  queue: Envelope[] | null;
  alive: boolean;
}

interface Room {
  eventId: string;
  clients: Set<Client>;
  /** Highest sequence delivered in order on this node; -1 while loading. */
  last: number;
  early: Envelope[];
  pending: Map<number, Envelope>;
  gapTimer: NodeJS.Timeout | null;
  ready: Promise<void>;
}

/** A socket that has not read this much is on a dead link; it is dropped and will resume on reconnect. */
const MAX_BUFFERED = 1024 * 1024;
/** How long an out-of-order update waits for the ones before it (Redis from another node) before the log fills the gap. */
const GAP_WAIT_MS = 150;
const HEARTBEAT_MS = 25_000;

const encoded = new WeakMap<Envelope, { staff: Buffer; pub: Buffer | null }>();

/** The update's bytes for a role, encoded once per node however many sockets receive it. */
function bytesFor(env: Envelope, role: LiveRole): Buffer | null {
  let e = encoded.get(env);
  if (!e) {
    const staff = Buffer.from(env.staff);
    e = { staff, pub: env.pub === null ? null : env.pub === env.staff ? staff : Buffer.from(env.pub) };
    encoded.set(env, e);
  }
  return role === 'staff' ? e.staff : e.pub;
}

/**
 * The WebSocket clients of one node, grouped in rooms per event. Updates from the bus are put back in
 * sequence order per room (two nodes' messages may cross in Redis); a hole is filled from the log.
 * Each client receives each sequence number at most once, in order.
 */
export class LiveHub {
  private rooms = new Map<string, Room>();
  private heartbeat: NodeJS.Timeout;

  constructor(private rt: Realtime) {
    this.heartbeat = setInterval(() => this.beat(), HEARTBEAT_MS);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += r.clients.size;
    return n;
  }

  private room(eventId: string): Room {
    const room = this.rooms.get(eventId);
    if (room) return room;
    const created: Room = {
      eventId,
      clients: new Set(),
      last: -1,
      early: [],
      pending: new Map(),
      gapTimer: null,
      ready: Promise.resolve(),
    };
    created.ready = repo.currentSeq(this.rt.db, eventId).then((seq) => {
      created.last = seq;
      const early = created.early.sort((a, b) => a.s - b.s);
      created.early = [];
      for (const env of early) this.receive(eventId, env);
    });
    this.rooms.set(eventId, created);
    return created;
  }

  /** An update from the bus (any node). */
  receive(eventId: string, env: Envelope): void {
    const room = this.rooms.get(eventId);
    if (!room) return;
    if (room.last < 0) {
      room.early.push(env);
      return;
    }
    if (env.s <= room.last) return;
    if (env.s === room.last + 1) {
      this.deliver(room, env);
      this.drain(room);
      return;
    }
    room.pending.set(env.s, env);
    room.gapTimer ??= setTimeout(() => void this.fillGap(room), GAP_WAIT_MS);
  }

  private drain(room: Room): void {
    let next = room.pending.get(room.last + 1);
    while (next) {
      room.pending.delete(next.s);
      this.deliver(room, next);
      next = room.pending.get(room.last + 1);
    }
    if (room.pending.size === 0 && room.gapTimer) {
      clearTimeout(room.gapTimer);
      room.gapTimer = null;
    }
  }

  private async fillGap(room: Room): Promise<void> {
    room.gapTimer = null;
    if (!room.pending.size) return;
    const upto = Math.max(...room.pending.keys());
    try {
      const rows = await repo.readLog(this.rt.db, room.eventId, room.last, 10_000, upto);
      for (const r of rows) {
        const s = Number(r.seq);
        if (s <= room.last) continue;
        this.deliver(room, room.pending.get(s) ?? { s, staff: r.staff, pub: r.public });
        room.pending.delete(s);
      }
    } catch {
      // The log could not be read: deliver what we hold, in order; clients resume from the log later.
    }
    for (const s of [...room.pending.keys()].sort((a, b) => a - b)) {
      if (s > room.last) this.deliver(room, room.pending.get(s)!);
    }
    room.pending.clear();
  }

  private deliver(room: Room, env: Envelope): void {
    room.last = env.s;
    for (const c of room.clients) {
      if (c.queue) c.queue.push(env);
      else this.send(c, env);
    }
  }

  private send(c: Client, env: Envelope): void {
    if (env.s <= c.last) return;
    c.last = env.s;
    const data = bytesFor(env, c.role);
    if (data === null || c.ws.readyState !== 1) return;
    if (c.ws.bufferedAmount > MAX_BUFFERED) {
      c.ws.close(CLOSE_SLOW, 'slow');
      return;
    }
    c.ws.send(data, { binary: false });
  }

  /**
   * Adds a socket to its event's room: first what it missed since `since` (or a snapshot), then the
   * live updates that arrived meanwhile, never one twice.
   */
  async join(eventId: string, ws: WebSocket, role: LiveRole, since: number | null): Promise<void> {
    const room = this.room(eventId);
    const client: Client = { ws, role, last: -1, queue: [], alive: true };
    room.clients.add(client);
    ws.on('pong', () => {
      client.alive = true;
    });
    ws.on('close', () => this.leave(room, client));
    ws.on('error', () => this.leave(room, client));
    try {
      await room.ready;
      const { seq, messages } = await this.rt.catchUp(eventId, role, since);
      for (const m of messages) if (ws.readyState === 1) ws.send(m);
      client.last = seq;
      const queued = client.queue ?? [];
      client.queue = null;
      for (const env of queued) this.send(client, env);
    } catch {
      ws.close(1011, 'catch-up failed');
      this.leave(room, client);
    }
  }

  private leave(room: Room, client: Client): void {
    room.clients.delete(client);
    if (room.clients.size === 0 && this.rooms.get(room.eventId) === room) {
      if (room.gapTimer) clearTimeout(room.gapTimer);
      this.rooms.delete(room.eventId);
    }
  }

  private beat(): void {
    for (const room of this.rooms.values()) {
      for (const c of room.clients) {
        if (!c.alive) {
          c.ws.terminate();
          continue;
        }
        c.alive = false;
        try {
          c.ws.ping();
        } catch {
          c.ws.terminate();
        }
      }
    }
  }

  close(): void {
    clearInterval(this.heartbeat);
    for (const room of this.rooms.values()) if (room.gapTimer) clearTimeout(room.gapTimer);
    this.rooms.clear();
  }
}
