import type { TestApp } from './app.js';

// Process-global on purpose: only makes event titles (and so slugs) distinct within a test run.
let n = 0;
/** Creates and publishes an event like the seed seminar; returns its id and the organizer's token. */
export async function publishedEvent(
  t: TestApp,
  opts: { capacity?: number | null; onlineCapacity?: number | null; token?: string; publish?: boolean } = {},
) {
  const token = opts.token ?? (await t.tokenFor('organizer'));
  const r = await t.inject({
    method: 'POST',
    url: '/api/v1/events',
    token,
    payload: {
      title: `Strategi Pemulihan Perekonomian UMKM ${n++}`,
      startsAt: '2031-12-30T09:00:00+07:00',
      endsAt: '2031-12-30T12:00:00+07:00',
      venue: {
        name: 'Aula Kelurahan Kanigaran',
        address: 'Kota Probolinggo',
        ...(opts.capacity !== null ? { capacity: opts.capacity ?? 52 } : {}),
      },
      online: { platform: 'zoom', joinUrl: 'https://zoom.us/j/123456789' },
      ...(opts.onlineCapacity ? { onlineCapacity: opts.onlineCapacity } : {}),
    },
  });
  if (r.statusCode !== 201) throw new Error(`event: ${r.statusCode} ${r.body}`);
  const id = r.json().id as string;
  if (opts.publish !== false) {
    const p = await t.inject({ method: 'POST', url: `/api/v1/events/${id}/publish`, token });
    if (p.statusCode !== 200) throw new Error(`publish: ${p.statusCode} ${p.body}`);
  }
  return { id, slug: r.json().slug as string, token };
}

export const person = (i: number, extra: Record<string, unknown> = {}) => ({
  name: `Peserta ${i}`,
  phone: `0812${String(10000000 + i).slice(-8)}`,
  institution: 'UMKM Kanigaran',
  mode: 'onsite',
  consent: true,
  ...extra,
});
