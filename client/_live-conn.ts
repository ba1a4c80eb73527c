import type { ServerMessage, UpdatesDto } from '../src/shared/realtime.js';

export type ConnState = 'connecting' | 'live' | 'polling' | 'offline';

export interface LiveConnOptions {
  eventId: string;
  staff?: boolean;
  onMessage(m: ServerMessage): void;
  onState?(s: ConnState): void;
}

/**
 * One live connection with everything a flaky mobile link needs: the WebSocket resumes from the last
 * sequence number it applied (so nothing is missed and nothing shown twice), reconnects with backoff,
 * and falls back to polling `…/live/updates?since=` when WebSockets do not get through (proxies,
 * captive portals). `?transport=poll` in the page address forces polling.
 */
export function openLive(opts: LiveConnOptions): { close(): void; lastSeq(): number } {
  let last = -1;
  let ws: WebSocket | null = null;
  let failuresBeforeOpen = 0;
  let backoff = 1000;
  let pollTimer: number | undefined;
  let retryTimer: number | undefined;
  let closed = false;
  let mode: 'ws' | 'poll' = new URLSearchParams(location.search).get('transport') === 'poll' ? 'poll' : 'ws';
  const role = opts.staff ? 'as=staff' : '';
  const setState = (s: ConnState) => opts.onState?.(s);

  function apply(m: ServerMessage) {
    // A snapshot replaces the state; anything else must be newer than what we have.
    if (m.t !== 'snapshot' && m.s <= last) return;
    last = Math.max(last, m.s);
    opts.onMessage(m);
  }

  function query(): string {
    const q = [role, last >= 0 ? `since=${last}` : ''].filter(Boolean).join('&');
    return q ? `?${q}` : '';
  }

  function connect() {
    if (closed) return;
    setState('connecting');
    const proto = location.protocol === 'https:' ? 'wss:' : 'ws:';
    let opened = false;
    try {
      ws = new WebSocket(`${proto}//${location.host}/api/v1/events/${opts.eventId}/live${query()}`);
    } catch {
      startPolling();
      return;
    }
    ws.onopen = () => {
      opened = true;
      failuresBeforeOpen = 0;
      backoff = 1000;
      setState('live');
    };
    ws.onmessage = (e) => {
      try {
        apply(JSON.parse(String(e.data)) as ServerMessage);
      } catch {
        // A malformed frame is dropped; the next resume fills any gap from the log.
      }
    };
    ws.onclose = (e) => {
      ws = null;
      if (closed) return;
      if (e.code === 4403) return setState('offline');
      if (!opened) failuresBeforeOpen++;
      // Twice refused before opening: WebSockets are blocked on this network; poll instead.
      if (failuresBeforeOpen >= 2) return startPolling();
      setState('offline');
      retryTimer = window.setTimeout(connect, backoff + Math.random() * 500);
      backoff = Math.min(backoff * 2, 15_000);
    };
  }

  async function pollOnce() {
    try {
      const r = await fetch(`/api/v1/events/${opts.eventId}/live/updates${query()}`, {
        credentials: 'same-origin',
        headers: { accept: 'application/json' },
      });
      if (!r.ok) throw new Error(String(r.status));
      const body = (await r.json()) as UpdatesDto;
      for (const m of body.messages) apply(m);
      setState('polling');
    } catch {
      setState('offline');
    }
  }

  function startPolling() {
    mode = 'poll';
    if (pollTimer !== undefined) return;
    const tick = async () => {
      if (closed) return;
      await pollOnce();
      pollTimer = window.setTimeout(tick, document.hidden ? 15_000 : 4_000);
    };
    void tick();
    // Every minute, see whether WebSockets get through again.
    retryTimer = window.setInterval(() => {
      if (ws || closed) return;
      const probe = new WebSocket(
        `${location.protocol === 'https:' ? 'wss:' : 'ws:'}//${location.host}/api/v1/events/${opts.eventId}/live${query()}`,
      );
      probe.onopen = () => {
        probe.close();
        if (pollTimer !== undefined) window.clearTimeout(pollTimer);
        pollTimer = undefined;
        window.clearInterval(retryTimer);
        failuresBeforeOpen = 0;
        mode = 'ws';
        connect();
      };
    }, 60_000) as unknown as number;
  }

  window.addEventListener('online', () => {
    if (mode === 'ws' && !ws) {
      window.clearTimeout(retryTimer);
      backoff = 1000;
      connect();
    } else if (mode === 'poll') void pollOnce();
  });

  if (mode === 'poll') startPolling();
  else connect();

  return {
    close() {
      closed = true;
      ws?.close();
      window.clearTimeout(pollTimer);
      window.clearTimeout(retryTimer);
    },
    lastSeq: () => last,
  };
}
