import type { Locale } from '../../../i18n/index.js';
import { formatDateTime, formatTimeRange } from '../../../shared/time.js';

/** One thing registrants knew that is no longer so (instants as epoch ms; the rest as text). */
export interface Change {
  field: 'time' | 'venue' | 'link';
  from: string | number | null;
  to: string | number | null;
  /** The end, for a time change (shown as a range). */
  fromEnd?: number;
  toEnd?: number;
}

const T = {
  subject: (title: string) => ({ id: `Perubahan acara: ${title}`, en: `Event changed: ${title}` }),
  intro: {
    id: 'Ada perubahan pada acara yang Anda daftari:',
    en: 'Something changed about the event you registered for:',
  },
  time: { id: 'Waktu', en: 'Time' },
  venue: { id: 'Tempat', en: 'Venue' },
  link: {
    id: 'Tautan ruang daring diperbarui. Masuklah lewat tautan pribadi di tiket Anda (tautan lama tidak berlaku).',
    en: 'The online room link changed. Join through the personal link on your ticket (the old link no longer works).',
  },
  none: { id: '(tidak ada)', en: '(none)' },
};

const when = (at: number, end: number | undefined, tz: string, l: Locale) =>
  `${formatDateTime(at, tz, l)}${end ? ` (${formatTimeRange(at, end, tz, l)})` : ''}`;

/** The notice's subject and text in one language: each change as "before → after". */
export function noticeText(changes: Change[], title: string, tz: string, l: Locale) {
  const lines = [T.intro[l], ''];
  for (const c of changes) {
    if (c.field === 'time')
      lines.push(
        `${T.time[l]}: ${when(Number(c.from), c.fromEnd, tz, l)} → ${when(Number(c.to), c.toEnd, tz, l)}`,
      );
    if (c.field === 'venue') lines.push(`${T.venue[l]}: ${c.from ?? T.none[l]} → ${c.to ?? T.none[l]}`);
    if (c.field === 'link') lines.push(T.link[l]);
  }
  return { subject: T.subject(title)[l], body: lines.join('\n') };
}
