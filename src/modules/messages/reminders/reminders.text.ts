import type { Locale, Text } from '../../../i18n/index.js';
import { formatDateTime, formatTime } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { printedName, type RegistrationRow } from '../../registrations/index.js';

/** Doors open half an hour before the start (no event field for it yet). */
const DOORS_BEFORE_MS = 30 * 60_000;

const T = {
  subject: (title: string, when: string) => ({
    id: `Pengingat: ${title} — ${when}`,
    en: `Reminder: ${title} — ${when}`,
  }),
  hello: (n: string) => ({ id: `Halo ${n},`, en: `Hello ${n},` }),
  soon: (title: string, when: string) => ({
    id: `Ini pengingat untuk ${title}, ${when}.`,
    en: `This is a reminder of ${title}, ${when}.`,
  }),
  venue: { id: 'Tempat', en: 'Venue' },
  map: { id: 'Peta', en: 'Map' },
  seat: { id: 'Kursi Anda', en: 'Your seat' },
  doors: (t: string) => ({ id: `Pintu dibuka pukul ${t}.`, en: `Doors open at ${t}.` }),
  qr: (url: string) => ({
    id: `Tunjukkan kode QR di tiket Anda di pintu masuk: ${url}`,
    en: `Show the QR code on your ticket at the door: ${url}`,
  }),
  join: (url: string) => ({
    id: `Masuk ke ruang daring lewat tautan pribadi Anda: ${url}`,
    en: `Join the online room through your personal link: ${url}`,
  }),
  codes: {
    id: 'Selama acara, panitia menampilkan kode presensi. Masukkan kode itu di halaman tiket Anda agar kehadiran daring Anda tercatat (dan sertifikat Anda terbit).',
    en: 'During the event the committee shows attendance codes. Enter them on your ticket page so your online attendance counts (and your certificate is issued).',
  },
  waitlist: (mode: string) => ({
    id: `Anda masih di daftar tunggu (${mode}). Bila ada tempat yang kosong, Anda otomatis mendapat tempat dan langsung diberi tahu.`,
    en: `You are still on the waitlist (${mode}). If a place becomes free it is yours automatically and you are told at once.`,
  }),
  modeOnsite: { id: 'luring, di aula', en: 'in the hall' },
  modeOnline: { id: 'daring', en: 'online' },
  stillComing: { id: 'Masih jadi datang ke aula?', en: 'Still coming to the hall?' },
  moveOnline: (url: string) => ({ id: `Pindah ke daring: ${url}`, en: `Switch to online: ${url}` }),
  cancel: (url: string) => ({ id: `Batal hadir: ${url}`, en: `Cancel: ${url}` }),
  freed: {
    id: 'Tempat Anda di aula akan langsung diberikan ke orang di daftar tunggu.',
    en: 'Your hall place goes straight to the next person on the waitlist.',
  },
  ticket: (url: string) => ({ id: `Tiket Anda: ${url}`, en: `Your ticket: ${url}` }),
  noShare: {
    id: 'Jangan bagikan tautan tiket ini kepada orang lain.',
    en: 'Do not share this ticket link with anyone.',
  },
} satisfies Record<string, Text | ((...a: string[]) => Text)>;

interface ReminderLinks {
  ticket: string;
  join: string;
  map: string | null;
  /** "Still coming?" choices (hall, day before), absent elsewhere. */
  stillComing?: { online: string; cancel: string };
}

/** A reminder's subject, text and WhatsApp line, by the person's mode and status (plain text only). */
export function reminderText(event: EventRow, r: RegistrationRow, links: ReminderLinks) {
  const l: Locale = r.locale === 'en' ? 'en' : 'id';
  const when = formatDateTime(event.starts_at, event.timezone, l);
  const lines: string[] = [T.hello(printedName(r))[l], '', T.soon(event.title, when)[l], ''];
  if (r.status === 'waitlisted') {
    lines.push(
      T.waitlist(r.mode === 'onsite' ? T.modeOnsite[l] : T.modeOnline[l])[l],
      '',
      T.ticket(links.ticket)[l],
    );
  } else if (r.mode === 'onsite') {
    const venue = [event.venue_name, event.venue_address].filter(Boolean).join(', ');
    if (venue) lines.push(`${T.venue[l]}: ${venue}`);
    if (links.map) lines.push(`${T.map[l]}: ${links.map}`);
    if (r.seat_id) lines.push(`${T.seat[l]}: ${r.seat_id}`);
    lines.push(T.doors(formatTime(event.starts_at - DOORS_BEFORE_MS, event.timezone, l))[l], '');
    lines.push(T.qr(links.ticket)[l]);
    if (links.stillComing) {
      lines.push(
        '',
        T.stillComing[l],
        T.moveOnline(links.stillComing.online)[l],
        T.cancel(links.stillComing.cancel)[l],
      );
      lines.push(T.freed[l]);
    }
  } else {
    lines.push(T.join(links.join)[l], '', T.codes[l], '', T.ticket(links.ticket)[l]);
  }
  lines.push('', T.noShare[l]);
  const whatsapp =
    r.status === 'waitlisted'
      ? `${T.subject(event.title, when)[l]}. ${T.waitlist(r.mode === 'onsite' ? T.modeOnsite[l] : T.modeOnline[l])[l]}`
      : r.mode === 'onsite'
        ? `${T.subject(event.title, when)[l]}. ${T.qr(links.ticket)[l]}`
        : `${T.subject(event.title, when)[l]}. ${T.join(links.join)[l]}`;
  return { subject: T.subject(event.title, when)[l], text: lines.join('\n'), whatsapp };
}
