import { AppError } from '../../errors.js';

/** Attendance outcomes that are refusals, in both languages, each with a stable code for clients. */
export const attendanceErrors = {
  ticketNotFound: () =>
    new AppError(404, 'ticket_not_found', {
      id: 'Tiket ini tidak terdaftar untuk acara ini. Periksa acaranya, atau daftarkan sebagai peserta di tempat.',
      en: 'This ticket is not registered for this event. Check the event, or register the person as a walk-in.',
    }),
  ticketMalformed: () =>
    new AppError(400, 'ticket_malformed', {
      id: 'Kode tiket tidak terbaca. Pindai ulang QR-nya atau cari berdasarkan nama.',
      en: 'The ticket code cannot be read. Scan the QR code again or search by name.',
    }),
  cancelled: (name: string) =>
    new AppError(
      409,
      'ticket_cancelled',
      { id: `Pendaftaran ${name} sudah dibatalkan.`, en: `${name}'s registration was cancelled.` },
      { name },
    ),
  notConfirmed: (name: string, status: string) =>
    new AppError(
      409,
      status === 'waitlisted' ? 'ticket_waitlisted' : 'ticket_not_confirmed',
      status === 'waitlisted'
        ? { id: `${name} masih dalam daftar tunggu.`, en: `${name} is still on the waitlist.` }
        : { id: `Pendaftaran ${name} belum dikonfirmasi.`, en: `${name}'s registration is not confirmed.` },
      { name, status },
    ),
  registeredOnline: (reg: { id: string; name: string }) =>
    new AppError(
      409,
      'registered_online',
      {
        id: `${reg.name} terdaftar daring, bukan di aula.`,
        en: `${reg.name} registered to attend online, not in the hall.`,
      },
      { registrationId: reg.id, name: reg.name },
    ),
  hallFull: () =>
    new AppError(409, 'hall_full', {
      id: 'Aula sudah penuh: tidak bisa pindah ke luring.',
      en: 'The hall is full: cannot switch to in-person.',
    }),
  walkInRefused: (name: string) =>
    new AppError(
      409,
      'hall_full',
      {
        id: `Aula penuh dan acara ini tidak memakai daftar tunggu: ${name} tidak didaftarkan dan belum check-in.`,
        en: `The hall is full and this event keeps no waitlist: ${name} was not registered or checked in.`,
      },
      { name },
    ),
  walkInBusy: () =>
    new AppError(409, 'walkin_in_progress', {
      id: 'Pendaftaran di tempat ini sedang diproses perangkat lain. Sinkronkan lagi sebentar.',
      en: 'This walk-in is being registered by another request. Sync again in a moment.',
    }),
  codeUnknown: () =>
    new AppError(400, 'attendance_code_invalid', {
      id: 'Kode presensi salah. Periksa lagi kode yang diumumkan.',
      en: 'Wrong attendance code. Check the code that was announced.',
    }),
  codeNotOpen: () =>
    new AppError(409, 'attendance_code_not_open', {
      id: 'Kode presensi ini belum dibuka.',
      en: 'This attendance code is not open yet.',
    }),
  codeClosed: (closedAt: string) =>
    new AppError(409, 'attendance_code_closed', {
      id: `Waktu memasukkan kode ini sudah habis (ditutup pukul ${closedAt}).`,
      en: `The time to enter this code is over (closed at ${closedAt}).`,
    }),
  noOnlineRoom: () =>
    new AppError(409, 'no_online_room', {
      id: 'Tautan ruang daring belum tersedia. Coba lagi mendekati waktu acara.',
      en: 'The online room link is not available yet. Try again closer to the start.',
    }),
  importColumns: (found: string[]) =>
    new AppError(400, 'import_unknown_columns', {
      id: `Berkas ini bukan laporan peserta Zoom atau Google Meet: kolom nama tidak ditemukan (kolom yang ada: ${found.slice(0, 8).join(', ') || '-'}). Unduh ulang laporan peserta dalam format CSV.`,
      en: `This file is not a Zoom or Google Meet participant report: no name column found (columns present: ${found.slice(0, 8).join(', ') || '-'}). Download the participant report again as CSV.`,
    }),
  importEmpty: () =>
    new AppError(400, 'import_empty', {
      id: 'Berkas laporan tidak berisi satu pun peserta.',
      en: 'The report file contains no participants.',
    }),
} as const;

export const notFoundWhat = {
  registration: { id: 'Pendaftaran', en: 'Registration' },
  code: { id: 'Kode presensi', en: 'Attendance code' },
  import: { id: 'Impor laporan', en: 'Report import' },
  importRow: { id: 'Baris laporan', en: 'Report row' },
};
