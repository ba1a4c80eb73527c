import ical, { ICalAlarmType } from 'ical-generator';
import type { EventRow } from '../../events/index.js';

/** The event as an .ics file (times in UTC, which every calendar converts correctly): the hall address for luring, the ticket page (join link inside) for daring. */
export function eventIcs(
  event: EventRow,
  opts: { ticketUrl: string; mode: 'onsite' | 'online'; seat?: string | null },
): string {
  const cal = ical({ name: event.title, prodId: { company: 'Aula', product: 'aula', language: 'ID' } });
  const where =
    opts.mode === 'onsite'
      ? [event.venue_name, event.venue_address].filter(Boolean).join(', ')
      : 'Daring / Online';
  cal.createEvent({
    // The same UID as the event page's .ics (issue 12): importing both updates one calendar entry.
    id: `${event.id}@${new URL(opts.ticketUrl).host}`,
    alarms: [{ type: ICalAlarmType.display, triggerBefore: 3600, description: event.title }],
    start: new Date(event.starts_at),
    end: new Date(event.ends_at),
    summary: event.title,
    location: where || null,
    url: opts.ticketUrl,
    description: [
      opts.mode === 'onsite' ? 'Kehadiran: luring (di aula)' : 'Kehadiran: daring',
      opts.seat ? `Kursi: ${opts.seat}` : null,
      `Tiket dan tautan: ${opts.ticketUrl}`,
    ]
      .filter(Boolean)
      .join('\n'),
  });
  return cal.toString();
}
