import { newId } from '../../shared/ids.js';
import type { EventGraph } from '../events/index.js';
import { DEMO_EVENT, DEMO_PEOPLE, DEMO_TZ } from './demo.data.js';
import { NEXT_WEBINAR } from './demo.story.data.js';

const DAY = 86_400_000;

/**
 * The series' next webinar, so a newcomer can walk the participant's path at once: online, published,
 * open for registration, on a Thursday at 09.00 WIB three to four weeks after the demo is loaded.
 */
export function nextWebinarGraph(
  orgId: string,
  partnerOrgIds: string[],
  ownerId: string | null,
  now: number,
): EventGraph {
  // 09.00 WIB is 02.00 UTC; Thursday is day 4.
  let start = Math.floor((now + 21 * DAY) / DAY) * DAY + 2 * 3_600_000;
  while (new Date(start).getUTCDay() !== 4) start += DAY;
  const end = start + 150 * 60_000;
  const eventId = newId();
  const speakers = NEXT_WEBINAR.people.map((key) => DEMO_PEOPLE.find((p) => p.key === key)!);
  const people = [
    ...speakers.map(({ key: _k, ...p }, sort) => ({ ...p, presence: 'online' as const, sort })),
    {
      front_titles: null,
      name: 'Rina Maharani',
      back_titles: 'S.AP.',
      position: 'Alumni Program Studi Administrasi Publik',
      institution: 'Universitas Panca Marga',
      role: 'moderator',
      presence: 'online' as const,
      sort: 2,
    },
  ].map((p) => ({ ...p, id: newId(), event_id: eventId, email: null, created_at: now }));
  const [heri, andi, moderator] = people;
  const slots = [
    { min: 0, len: 10, kind: 'opening', title: 'Pembukaan dan sambutan', who: [] },
    { min: 10, len: 45, kind: 'talk', title: 'Pemasaran digital untuk usaha kecil', who: [heri!] },
    { min: 55, len: 45, kind: 'talk', title: 'Membaca data penjualan daring', who: [andi!] },
    { min: 100, len: 40, kind: 'qa', title: 'Tanya jawab', who: [moderator!, heri!, andi!] },
    { min: 140, len: 10, kind: 'closing', title: 'Penutup', who: [] },
  ].map((s) => ({ ...s, id: newId() }));
  return {
    event: {
      id: eventId,
      slug: NEXT_WEBINAR.slug,
      org_id: orgId,
      series: DEMO_EVENT.series,
      title: NEXT_WEBINAR.title,
      theme: NEXT_WEBINAR.theme,
      summary: NEXT_WEBINAR.summary,
      description: NEXT_WEBINAR.description,
      starts_at: start,
      ends_at: end,
      timezone: DEMO_TZ,
      venue_name: null,
      venue_address: null,
      venue_map_url: null,
      venue_capacity: null,
      online_platform: 'zoom',
      online_join_url: 'https://zoom.us/j/9876543210',
      online_stream_url: null,
      online_capacity: 300,
      banner_path: null,
      city: 'Kota Probolinggo',
      status: 'published',
      created_by: ownerId,
      created_at: now,
      updated_at: now,
    },
    partnerOrgIds,
    team: [],
    people,
    agenda: slots.map((s) => ({
      id: s.id,
      event_id: eventId,
      starts_at: start + s.min * 60_000,
      ends_at: start + (s.min + s.len) * 60_000,
      kind: s.kind,
      title: s.title,
      notes: null,
      created_at: now,
    })),
    agendaPeople: slots.flatMap((s) =>
      s.who.map((p, position) => ({ agenda_item_id: s.id, person_id: p.id, position })),
    ),
  };
}
