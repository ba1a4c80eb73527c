// Sends the door's offline queue in chunks. The server answers each scan and counts each person once;
// the number moves by those answers (as a single scan counts), and the device learns what became of
// each walk-in it registered offline (waitlisted, hall full…).
import type { SyncAnswer } from './_checkin-api.js';
import type { DoorCount } from './_checkin-count.js';
import type { Tone } from './_checkin-feedback.js';
import type { QueuedScan, Store } from './_checkin-store.js';

const CHUNK = 200;

export interface SyncNotice {
  tone: Tone;
  title: string;
  line: string;
}

/** Sends `store`'s queue; stops at the first refused chunk (kept for the next round). Throws offline. */
export async function sendQueue(
  store: Store,
  count: DoorCount,
  send: (scans: Omit<QueuedScan, 'personId'>[]) => Promise<Response>,
): Promise<{ sent: number; notices: SyncNotice[] }> {
  const queue = store.queue();
  const notices: SyncNotice[] = [];
  let sent = 0;
  for (let i = 0; i < queue.length; i += CHUNK) {
    const chunk = queue.slice(i, i + CHUNK);
    const results = await count.write(async () => {
      // Where this phone knew the person is its own business: not sent.
      const r = await send(chunk.map(({ personId: _local, ...s }) => s));
      if (!r.ok) return null;
      const body = (await r.json()) as { results: SyncAnswer[] };
      // By the answers, as a single scan counts: the server's own number (in the answer too) could hold a
      // scan answered at the same moment. The count read after the sync brings in other phones' arrivals.
      count.add(body.results.filter((x) => !('error' in x) && x.first).length);
      return body.results;
    });
    if (!results) break;
    // A walk-in another request is still registering stays queued for the next round.
    const retry = new Set(
      results.flatMap((x) => ('error' in x && x.error.code === 'walkin_in_progress' ? [x.scanId] : [])),
    );
    store.dequeue(new Set(chunk.map((s) => s.scanId).filter((id) => !retry.has(id))));
    sent += chunk.length - retry.size;
    const walkIns = new Set(chunk.flatMap((s) => (s.walkIn ? [s.scanId] : [])));
    for (const x of results) {
      if (!walkIns.has(x.scanId) || retry.has(x.scanId)) continue;
      if ('error' in x) notices.push({ tone: 'red', title: x.error.message, line: '' });
      else
        notices.push({
          tone: x.result === 'waitlisted' ? 'amber' : 'green',
          title: x.registration.name,
          line: x.message,
        });
    }
  }
  return { sent, notices };
}
