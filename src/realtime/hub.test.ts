import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { createTestApp, type TestApp } from '../../test/helpers/app.js';
import { publishedEvent } from '../../test/helpers/registrations.js';
import { type Envelope, LiveHub } from './hub.js';

/** A socket that records the sequence numbers it is sent, by either path (ws.send or a pre-built frame). */
function fakeSocket() {
  const seqs: number[] = [];
  const record = (text: string) => seqs.push((JSON.parse(text) as { s: number }).s);
  const ws = {
    readyState: 1,
    extensions: '',
    bufferedAmount: 0,
    // Frames built by the hub are unmasked text frames; these are short (7-bit length).
    _socket: { write: (frame: Buffer) => record(frame.subarray(2).toString()) },
    send: (m: string) => record(m),
    on: () => undefined,
    close: () => undefined,
    ping: () => undefined,
    terminate: () => undefined,
  };
  return { ws: ws as unknown as WebSocket, seqs };
}

describe('live hub: a client that resumes ahead of its node', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await createTestApp('sqlite');
  });
  afterAll(() => t.close());

  it('gets every number once when the log is ahead of the room (another node’s update still on its way)', async () => {
    const { id } = await publishedEvent(t);
    const rt = t.app.ctx.services.live.rt;
    const publish = async (n: number) =>
      (await rt.publish(id, async () => ({
        staff: { t: 'settings', d: { moderation: 'auto', qaOpen: n % 2 === 0, openVoting: false } },
        pub: 'same',
      })))!;
    // A second node's hub: it hears only what is handed to receive() (its bus messages, here held back).
    const hub = new LiveHub({ db: rt.db, catchUp: (e, role, since) => rt.catchUp(e, role, since) }, 60_000);
    try {
      const first = await publish(1);
      const a = fakeSocket();
      await hub.join(id, a.ws, 'public', first.s);
      // Two updates commit on the other node; their bus messages have not reached this one yet.
      const late: Envelope[] = [await publish(2), await publish(3)];
      const b = fakeSocket();
      await hub.join(id, b.ws, 'public', first.s);
      expect(b.seqs).toEqual([first.s + 1, first.s + 2]);
      // Now they arrive, and one more after them.
      for (const env of late) hub.receive(id, env);
      const next = await publish(4);
      hub.receive(id, next);
      expect(a.seqs).toEqual([first.s + 1, first.s + 2, first.s + 3]);
      expect(b.seqs).toEqual([first.s + 1, first.s + 2, first.s + 3]);
    } finally {
      hub.close();
    }
  });
});
