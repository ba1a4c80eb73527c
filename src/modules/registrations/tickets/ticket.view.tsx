import type { Locale, Text } from '../../../i18n/index.js';
import { BoundedMemo } from '../../../shared/memo.js';
import { formatDate, formatDateTime, formatTimeRange, sameLocalDay } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { waDigits } from '../phone.js';
import type { RegistrationRow } from '../registrations.repository.js';
import { WAITLIST_AHEAD_CAP } from '../registrations.schemas.js';

export const TT = {
  ticket: { id: 'Tiket', en: 'Ticket' },
  status: {
    confirmed: { id: 'Terkonfirmasi', en: 'Confirmed' },
    waitlisted: { id: 'Daftar tunggu', en: 'Waitlist' },
    pending: { id: 'Menunggu persetujuan panitia', en: 'Awaiting the organizers’ approval' },
    cancelled: { id: 'Dibatalkan', en: 'Cancelled' },
    declined: { id: 'Ditolak', en: 'Declined' },
  } satisfies Record<string, Text>,
  waitMore: {
    id: `Ada lebih dari ${WAITLIST_AHEAD_CAP} orang di depan Anda dalam daftar tunggu.`,
    en: `There are more than ${WAITLIST_AHEAD_CAP} people ahead of you on the waitlist.`,
  },
  waitAt: (n: string): Text => ({
    id: `Anda di urutan ke-${n} daftar tunggu.`,
    en: `You are number ${n} on the waitlist.`,
  }),
  waitInfo: {
    id: 'Jika ada peserta yang batal, tempatnya otomatis diberikan kepada urutan pertama daftar tunggu.',
    en: 'When someone cancels, the place goes automatically to the first person on the waitlist.',
  },
  /** How a waitlisted or pending person learns of a change: only the channels this ticket really has. */
  toldBy: (email: string | null): Text =>
    email !== null
      ? {
          id: `Kabar terbaru dikirim ke e-mail ${email} dan selalu tampil di halaman ini.`,
          en: `News is sent to ${email} and always shows on this page.`,
        }
      : {
          id: 'Tidak ada pemberitahuan otomatis untuk tiket ini: buka kembali halaman ini (simpan tautannya) untuk melihat status Anda.',
          en: 'There is no automatic notice for this ticket: open this page again (keep its link) to see your status.',
        },
  pendingInfo: {
    id: 'Panitia memeriksa pendaftaran Anda. Tiket masuk muncul di sini setelah disetujui.',
    en: 'The organizers are reviewing your registration. Your entry ticket appears here once approved.',
  },
  noEntry: {
    id: 'Ini belum tiket masuk: tunggu sampai pendaftaran Anda terkonfirmasi.',
    en: 'This is not an entry ticket yet: wait until your registration is confirmed.',
  },
  cancelledInfo: {
    id: 'Tiket ini tidak berlaku lagi. Ingin ikut? Daftar lagi di halaman acara.',
    en: 'This ticket is no longer valid. Want to come after all? Register again on the event page.',
  },
  registerAgain: { id: 'Daftar lagi', en: 'Register again' },
  doorsOpen: (time: string): Text => ({ id: `Pintu dibuka ${time}.`, en: `Doors open ${time}.` }),
  showQr: {
    id: 'Tunjukkan kode QR ini kepada panitia di pintu masuk.',
    en: 'Show this QR code to the staff at the door.',
  },
  printed: { id: 'Nama di sertifikat', en: 'Name on the certificate' },
  mode: { id: 'Kehadiran', en: 'Attendance' },
  venue: { id: 'Tempat', en: 'Venue' },
  map: { id: 'Buka peta', en: 'Open the map' },
  seat: { id: 'Kursi', en: 'Seat' },
  seatAtDoor: {
    id: 'Nomor kursi diberikan saat registrasi ulang di pintu masuk.',
    en: 'Your seat number is given at the door.',
  },
  joinLater: {
    id: 'Tautan ruang daring muncul di sini setelah pendaftaran Anda terkonfirmasi.',
    en: 'The online room link appears here once your registration is confirmed.',
  },
  onlineRoom: { id: 'Ruang daring', en: 'Online room' },
  stream: { id: 'Siaran langsung', en: 'Live stream' },
  ics: { id: 'Simpan ke kalender (.ics)', en: 'Add to calendar (.ics)' },
  wa: { id: 'Kirim tiket ke WhatsApp saya', en: 'Send the ticket to my WhatsApp' },
  waText: (title: string, when: string, url: string): Text => ({
    id: `Tiket saya untuk "${title}" (${when}): ${url}`,
    en: `My ticket for "${title}" (${when}): ${url}`,
  }),
  switchTo: (m: Text): Text => ({ id: `Pindah ke ${m.id}`, en: `Switch to ${m.en}` }),
  switchHint: (left: string | null): Text =>
    left === null
      ? { id: 'Masih ada tempat.', en: 'There is room.' }
      : { id: `Tersisa ${left} tempat.`, en: `${left} places left.` },
  cancel: { id: 'Batalkan pendaftaran saya', en: 'Cancel my registration' },
  cancelConfirm: {
    id: 'Yakin? Tempat Anda akan diberikan kepada orang lain dan tidak dapat dikembalikan otomatis.',
    en: 'Sure? Your place goes to someone else and cannot be given back automatically.',
  },
  cancelDo: { id: 'Ya, batalkan', en: 'Yes, cancel' },
  keepSafe: {
    id: 'Simpan tautan halaman ini: siapa pun yang memilikinya dapat melihat dan membatalkan tiket Anda.',
    en: 'Keep this page’s link private: anyone who has it can see and cancel your ticket.',
  },
  done: {
    new: { id: 'Pendaftaran berhasil. Simpan halaman ini.', en: 'You are registered. Keep this page.' },
    newWaitlisted: {
      id: 'Kuota sudah penuh: Anda masuk daftar tunggu. Simpan halaman ini.',
      en: 'The quota is full: you are on the waitlist. Keep this page.',
    },
    newPending: {
      id: 'Pendaftaran diterima dan menunggu persetujuan panitia. Simpan halaman ini.',
      en: 'Registration received, awaiting the organizers’ approval. Keep this page.',
    },
    existing: {
      id: 'Nomor WhatsApp atau e-mail ini sudah terdaftar: ini tiket Anda.',
      en: 'This WhatsApp number or e-mail was already registered: this is your ticket.',
    },
    cancelled: { id: 'Pendaftaran Anda sudah dibatalkan.', en: 'Your registration is cancelled.' },
    switched: { id: 'Kehadiran Anda sudah diubah.', en: 'Your attendance mode is changed.' },
  } satisfies Record<string, Text>,
};

export function mapUrl(event: EventRow): string | null {
  if (event.venue_map_url) return event.venue_map_url;
  const q = [event.venue_name, event.venue_address].filter(Boolean).join(', ');
  return q ? `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}` : null;
}

/** The wa.me link to oneself: the text holds the event and the link only, never a name or number. */
export function waSelfLink(event: EventRow, r: RegistrationRow, url: string, l: Locale): string {
  const text = TT.waText(event.title, formatDateTime(event.starts_at, event.timezone, l), url)[l];
  return `https://wa.me/${r.phone ? waDigits(r.phone) : ''}?text=${encodeURIComponent(text)}`;
}

/**
 * Kept per start, end, zone and language: every ticket of an event shows the same line, and telling whether both
 * ends fall on one local day takes two zone-offset look-ups (~10 µs) that the formatters' own memo does not hold.
 * Pure in its key; bounded by clearing.
 */
const whenLines = new BoundedMemo<string>(2000);
export const when = (event: EventRow, l: Locale): string =>
  whenLines.get(`${event.starts_at}|${event.ends_at}|${event.timezone}|${l}`, () => whenNow(event, l));

/** When, once, at the top: "Kamis, 30 Desember 2021, pukul 09.00–11.30 WIB" (both ends when it spans days). */
function whenNow(event: EventRow, l: Locale): string {
  const tz = event.timezone;
  if (!event.ends_at || !sameLocalDay(event.starts_at, event.ends_at, tz)) {
    const start = formatDateTime(event.starts_at, tz, l);
    return event.ends_at ? `${start} – ${formatDateTime(event.ends_at, tz, l)}` : start;
  }
  const at = l === 'id' ? 'pukul ' : '';
  return `${formatDate(event.starts_at, tz, l)}, ${at}${formatTimeRange(event.starts_at, event.ends_at, tz, l)}`;
}

/** The mode a ticket could switch to. */
export const otherMode = (r: RegistrationRow) => (r.mode === 'onsite' ? 'online' : 'onsite');

/** Whether the ticket may switch to the other mode, room permitting (so whether its room is worth looking up). */
export function switchOffered(r: RegistrationRow, modes: readonly ('onsite' | 'online')[]): boolean {
  const active = r.status === 'confirmed' || r.status === 'waitlisted' || r.status === 'pending';
  return active && modes.includes(otherMode(r)) && r.source !== 'invitation';
}
