import WebSocket from 'ws';
import type { ServerMessage } from '../shared/realtime.js';

/**
 * A live-room client for tests and the benchmark: collects messages and waits for one that matches,
 * without sleeping (a deadline only turns a hang into a clear failure).
 */
interface LiveTestClient {
  ws: WebSocket;
  messages: ServerMessage[];
  lastSeq: number;
  waitFor(pred: (m: ServerMessage) => boolean, what?: string, timeoutMs?: number): Promise<ServerMessage>;
  close(): Promise<void>;
}

export function connectLive(url: string, headers: Record<string, string> = {}): Promise<LiveTestClient> {
  return new Promise((resolve, reject) => {
    const ws = new WebSocket(url, { headers });
    const messages: ServerMessage[] = [];
    const waiters: { pred: (m: ServerMessage) => boolean; done: (m: ServerMessage) => void }[] = [];
    const client: LiveTestClient = {
      ws,
      messages,
      lastSeq: -1,
      waitFor(pred, what = 'message', timeoutMs = 10_000) {
        const found = messages.find(pred);
        if (found) return Promise.resolve(found);
        return new Promise((res, rej) => {
          const timer = setTimeout(
            () =>
              rej(
                new Error(`timed out waiting for ${what}; got ${JSON.stringify(messages.map((m) => m.t))}`),
              ),
            timeoutMs,
          );
          waiters.push({
            pred,
            done: (m) => {
              clearTimeout(timer);
              res(m);
            },
          });
        });
      },
      close: () =>
        new Promise((res) => {
          if (ws.readyState === WebSocket.CLOSED) return res();
          ws.once('close', () => res());
          ws.close();
        }),
    };
    ws.on('message', (raw) => {
      const m = JSON.parse(String(raw)) as ServerMessage;
      messages.push(m);
      client.lastSeq = Math.max(client.lastSeq, m.s);
      for (const w of [...waiters]) {
        if (w.pred(m)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.done(m);
        }
      }
    });
    ws.once('open', () => resolve(client));
    ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    ws.once('error', reject);
  });
}
