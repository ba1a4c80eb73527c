import type { Socket } from 'node:net';
import type { WebSocket } from 'ws';
import type { Db } from '../db/database.js';
import { CLOSE_SLOW, type LiveRole } from '../shared/realtime.js';
import { realtimeRepository as repo } from './realtime.repository.js';

/** One update as it travels between nodes: pre-serialized once, for staff and for participants. */
export interface Envelope {
  s: number;
  staff: string;
  /** Null when participants must not see this update (a pending or dismissed question). */
  pub: string | null;
}

/** Where the hub reads what a joining client missed (the Realtime that owns it). */
interface CatchUpSource {
  readonly db: Db;
  catchUp(
    eventId: string,
    role: LiveRole,
    since: number | null,
  ): Promise<{ seq: number; messages: string[] }>;
}

interface Client {
  ws: WebSocket;
  role: LiveRole;
  /** The highest sequence number this client has been given (or skipped for its role). */
  last: number;
  /** Live updates held back while the client's catch-up is being read. */
  queue: Envelope[];
  /**
   * Caught up from the log beyond what this node's room has delivered (an update committed on another node
   * whose bus message is still on its way): it waits in `joining`, sent each number it lacks, until the
   * room reaches it — else the room's broadcast would give it a number it already has.
   */
  ahead: boolean;
  alive: boolean;
  /** Where pre-built frames are written (null: through ws). */
  raw: Socket | null;
}

interface Room {
  eventId: string;
  /**
   * Caught-up clients by role: a broadcast picks the role's bytes once and writes them to every socket
   * of the set, with no per-socket role or sequence checks (the room delivers each number once, in order).
   */
  staff: Set<Client>;
  pub: Set<Client>;
  /** Clients still reading their catch-up; updates wait in their queue. */
  joining: Set<Client>;
  /** Highest sequence delivered in order on this node; -1 while loading. */
  last: number;
  early: Envelope[];
  pending: Map<number, Envelope>;
  gapTimer: NodeJS.Timeout | null;
  ready: Promise<void>;
  /** How long one broadcast to this node's sockets of the room takes (ms, moving average). */
  sendMs: number;
}

/** A socket that has not read this much is on a dead link; it is dropped and will resume on reconnect. */
const MAX_BUFFERED = 1024 * 1024;
/** How long an out-of-order update waits for the ones before it (Redis from another node) before the log fills the gap. */
const GAP_WAIT_MS = 150;
const SEND_TEXT = { binary: false } as const;

// Process-wide on purpose: an update's frames are the same bytes for every hub and socket, built once;
// keyed weakly, they go when the envelope does.
const encoded = new WeakMap<Envelope, { staff: Buffer; pub: Buffer | null }>();

/**
 * The update as one complete WebSocket text frame (header and payload), built once per node however
 * many sockets receive it: each socket then costs one write, not ws's per-send framing, cork and writev.
 */
function frame(text: string): Buffer {
  const payload = Buffer.from(text);
  const n = payload.length;
  // RFC 6455 §5.2: FIN + text opcode, then the length (7 bits, or 126 + 16 bits, or 127 + 64 bits); unmasked.
  const head = n < 126 ? 2 : n < 65_536 ? 4 : 10;
  const out = Buffer.allocUnsafe(head + n);
  out[0] = 0x81;
  if (head === 2) out[1] = n;
  else if (head === 4) {
    out[1] = 126;
    out.writeUInt16BE(n, 2);
  } else {
    out[1] = 127;
    out.writeBigUInt64BE(BigInt(n), 2);
  }
  payload.copy(out, head);
  return out;
}

/** The update's frame for a role. */
function bytesFor(env: Envelope, role: LiveRole): Buffer | null {
  let e = encoded.get(env);
  if (!e) {
    const staff = frame(env.staff);
    e = { staff, pub: env.pub === null ? null : env.pub === env.staff ? staff : frame(env.pub) };
    encoded.set(env, e);
  }
  return role === 'staff' ? e.staff : e.pub;
}

/**
 * The socket under a ws connection, when a pre-built frame may be written to it directly: no extension
 * negotiated (permessage-deflate is off; ws would otherwise compress and queue) — else null and ws frames it.
 */
function rawSocket(ws: WebSocket): Socket | null {
  if (ws.extensions) return null;
  return (ws as unknown as { _socket?: Socket })._socket ?? null;
}

const size = (r: Room) => r.joining.size + r.staff.size + r.pub.size;

/** Writes the same frame to every open socket of a set; a socket too far behind is dropped (it resumes). */
function sendAll(clients: Iterable<Client>, data: Buffer | null): void {
  if (data === null) return;
  for (const c of clients) {
    const ws = c.ws;
    if (ws.readyState !== 1) continue;
    if (ws.bufferedAmount > MAX_BUFFERED) {
      ws.close(CLOSE_SLOW, 'slow');
      continue;
    }
    if (c.raw) c.raw.write(data);
    else ws.send(data.subarray(data.length - payloadLength(data)), SEND_TEXT);
  }
}

/** The payload length of a frame built by `frame()` (unmasked). */
function payloadLength(f: Buffer): number {
  const n = f[1]! & 0x7f;
  return n === 126 ? f.readUInt16BE(2) : n === 127 ? Number(f.readBigUInt64BE(2)) : n;
}

/**
 * The WebSocket clients of one node, grouped in rooms per event. Updates from the bus are put back in
 * sequence order per room (two nodes' messages may cross in Redis); a hole is filled from the log.
 * Each client receives each sequence number at most once, in order.
 */
export class LiveHub {
  private rooms = new Map<string, Room>();
  private heartbeat: NodeJS.Timeout;

  /** Every `pingMs` each socket is pinged; one that has not answered the previous ping is closed. */
  constructor(
    private rt: CatchUpSource,
    pingMs: number,
  ) {
    this.heartbeat = setInterval(() => this.beat(), pingMs);
    this.heartbeat.unref();
  }

  get clientCount(): number {
    let n = 0;
    for (const r of this.rooms.values()) n += size(r);
    return n;
  }

  /** What a broadcast to this event's room costs on this node (ms); 0 when nobody is connected here. */
  broadcastMs(eventId: string): number {
    return this.rooms.get(eventId)?.sendMs ?? 0;
  }

  private room(eventId: string): Room {
    const room = this.rooms.get(eventId);
    if (room) return room;
    const created: Room = {
      eventId,
      staff: new Set(),
      pub: new Set(),
      joining: new Set(),
      last: -1,
      early: [],
      pending: new Map(),
      gapTimer: null,
      ready: Promise.resolve(),
      sendMs: 0,
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
    const reached: Client[] = [];
    for (const c of room.joining) {
      if (!c.ahead) c.queue.push(env);
      else {
        this.send(c, env);
        if (c.last <= room.last) reached.push(c);
      }
    }
    const t0 = performance.now();
    sendAll(room.staff, bytesFor(env, 'staff'));
    sendAll(room.pub, bytesFor(env, 'public'));
    // After the broadcast: a client the room has just caught up with already holds this number.
    for (const c of reached) this.admit(room, c);
    const took = performance.now() - t0;
    room.sendMs = room.sendMs === 0 ? took : room.sendMs * 0.7 + took * 0.3;
  }

  private send(c: Client, env: Envelope): void {
    if (env.s <= c.last) return;
    c.last = env.s;
    const data = bytesFor(env, c.role);
    if (data !== null) sendAll([c], data);
  }
  /**
   * Adds a socket to its event's room: first what it missed since `since` (or a snapshot), then the
   * live updates that arrived meanwhile, never one twice.
   */
  async join(eventId: string, ws: WebSocket, role: LiveRole, since: number | null): Promise<void> {
    const room = this.room(eventId);
    const client: Client = { ws, role, last: -1, queue: [], ahead: false, alive: true, raw: rawSocket(ws) };
    room.joining.add(client);
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
      const queued = client.queue;
      client.queue = [];
      for (const env of queued) this.send(client, env);
      // Closed while catching up: it has already left.
      if (!room.joining.has(client)) return;
      if (client.last > room.last) client.ahead = true;
      else this.admit(room, client);
    } catch {
      ws.close(1011, 'catch-up failed');
      this.leave(room, client);
    }
  }

  /** Caught up: from here on the room's broadcasts carry every later number to it, in order. */
  private admit(room: Room, client: Client): void {
    client.ahead = false;
    room.joining.delete(client);
    (client.role === 'staff' ? room.staff : room.pub).add(client);
  }

  private leave(room: Room, client: Client): void {
    room.joining.delete(client);
    room.staff.delete(client);
    room.pub.delete(client);
    if (size(room) === 0 && this.rooms.get(room.eventId) === room) {
      if (room.gapTimer) clearTimeout(room.gapTimer);
      this.rooms.delete(room.eventId);
    }
  }

  private beat(): void {
    for (const room of this.rooms.values()) {
      for (const c of [...room.joining, ...room.staff, ...room.pub]) {
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
