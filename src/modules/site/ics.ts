import ical, { ICalAlarmType } from 'ical-generator';
import type { Locale } from '../../i18n/index.js';
import type { EventRow } from '../events/index.js';
import { PLATFORM_LABELS, T } from './site.text.js';

/**
 * One VEVENT in UTC: every calendar converts it to the reader's zone, and no VTIMEZONE block is
 * needed (Indonesia has no daylight saving, but readers may sit elsewhere).
 */
export function eventIcs(e: EventRow, url: string, locale: Locale, host: string): string {
  const cal = ical({
    prodId: { company: 'Aula', product: 'Aula', language: locale === 'id' ? 'ID' : 'EN' },
    name: e.title,
  });
  const platform = e.online_platform
    ? (PLATFORM_LABELS[e.online_platform] ?? PLATFORM_LABELS.other!)[locale]
    : null;
  const lines = [
    e.theme ? `${T.theme[locale]}: ${e.theme}` : null,
    platform ? `${T.onlineVia[locale]} ${platform}. ${T.joinLinkNote[locale]}` : null,
    url,
  ];
  cal.createEvent({
    // One UID for the event page's and the ticket's .ics (issue 12): importing both keeps one entry.
    id: `${e.id}@${host}`,
    alarms: [{ type: ICalAlarmType.display, triggerBefore: 3600, description: e.title }],
    start: new Date(e.starts_at),
    end: new Date(e.ends_at),
    stamp: new Date(e.updated_at),
    summary: e.title,
    description: lines.filter(Boolean).join('\n'),
    location: e.venue_name ? [e.venue_name, e.venue_address].filter(Boolean).join(', ') : platform,
    url,
  });
  return cal.toString();
}
