import type { Text } from './i18n/index.js';

/**
 * The one error catalogue. A thrown `AppError` becomes `{ error: { code, message } }` with its
 * status in the request's language; anything else becomes an opaque 500 (see http/error-handler.ts).
 * Expected business outcomes (already checked in, waitlisted) are results, not errors.
 */
export class AppError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly text: Text,
    readonly details?: Record<string, unknown>,
  ) {
    super(text.en);
    this.name = 'AppError';
  }
}

const make =
  <A extends unknown[]>(status: number, code: string, text: (...args: A) => Text) =>
  (...args: A) =>
    new AppError(status, code, text(...args));

/** Like `make`, for errors that also carry fields for clients (the name on a refused ticket, say). */
const makeWithDetails =
  <A extends unknown[]>(
    status: number,
    code: string,
    build: (...args: A) => { text: Text; details: Record<string, unknown> },
  ) =>
  (...args: A) => {
    const { text, details } = build(...args);
    return new AppError(status, code, text, details);
  };

/**
 * Every error of the app, grouped by module below the shared ones. Codes are unique: a client can
 * branch on a code without guessing which module sent it (the architecture test checks this).
 */
export const errors = {
  validation: (message: Text, details?: Record<string, unknown>) =>
    new AppError(400, 'validation_failed', message, details),
  badJson: make(400, 'invalid_json', () => ({
    id: 'Isi permintaan bukan JSON yang sah. Periksa tanda kutip dan koma.',
    en: 'The request body is not valid JSON. Check the quotes and commas.',
  })),
  /** Fastify client errors (src/http/error-handler.ts): an empty JSON body, a broken multipart body. */
  emptyBody: make(400, 'empty_body', () => ({
    id: 'Isi permintaan kosong, padahal jenisnya JSON. Kirim objek JSON, misalnya {}.',
    en: 'The request body is empty although its type is JSON. Send a JSON object, e.g. {}.',
  })),
  badMultipart: make(400, 'invalid_multipart', () => ({
    id: 'Unggahan rusak atau terputus (multipart/form-data tidak sah). Coba unggah lagi.',
    en: 'The upload is broken or cut off (invalid multipart/form-data). Try uploading again.',
  })),
  badRequest: make(400, 'bad_request', () => ({
    id: 'Permintaan tidak dapat dibaca.',
    en: 'The request cannot be read.',
  })),
  nulCharacter: make(400, 'invalid_characters', () => ({
    id: 'Isian mengandung karakter NUL (\\0) yang tidak diizinkan.',
    en: 'The input contains a NUL character (\\0), which is not allowed.',
  })),
  nothingToChange: make(400, 'nothing_to_change', () => ({
    id: 'Tidak ada yang diubah: kirim minimal satu kolom.',
    en: 'Nothing to change: send at least one field.',
  })),
  unauthenticated: make(401, 'unauthenticated', () => ({
    id: 'Silakan masuk terlebih dahulu.',
    en: 'Please log in first.',
  })),
  badCredentials: make(401, 'invalid_credentials', () => ({
    id: 'E-mail atau kata sandi salah.',
    en: 'Wrong e-mail or password.',
  })),
  forbidden: make(403, 'forbidden', () => ({
    id: 'Anda tidak berhak melakukan ini.',
    en: 'You are not allowed to do this.',
  })),
  csrf: make(403, 'csrf_failed', () => ({
    id: 'Formulir kedaluwarsa. Muat ulang halaman lalu coba lagi.',
    en: 'The form has expired. Reload the page and try again.',
  })),
  notFound: make(404, 'not_found', (what: Text) => ({
    id: `${what.id} tidak ditemukan.`,
    en: `${what.en} not found.`,
  })),
  routeNotFound: make(404, 'route_not_found', () => ({
    id: 'Alamat ini tidak ada.',
    en: 'This address does not exist.',
  })),
  emailTaken: make(409, 'email_taken', () => ({
    id: 'E-mail ini sudah terdaftar sebagai pengguna.',
    en: 'This e-mail already belongs to a user.',
  })),
  setupDone: make(409, 'setup_done', () => ({
    id: 'Aula sudah disiapkan. Silakan masuk.',
    en: 'Aula is already set up. Please log in.',
  })),
  /** An uploaded file, or (`'body'`) a whole JSON or form body, over the limit that applied. */
  tooLarge: make(413, 'too_large', (maxKb: number, what: 'file' | 'body' = 'file', field?: string) =>
    what === 'file'
      ? {
          id: `${field ? `${field}: ` : ''}Berkas terlalu besar (maksimal ${maxKb} KB).`,
          en: `${field ? `${field}: ` : ''}The file is too large (at most ${maxKb} KB).`,
        }
      : {
          id: `Isi permintaan terlalu besar (maksimal ${maxKb} KB).`,
          en: `The request body is too large (at most ${maxKb} KB).`,
        },
  ),
  /** `field`: the form field the file came in, named in the message ("file: …"). */
  unsupportedMedia: make(415, 'unsupported_media', (allowed: string, field?: string) => ({
    id: `${field ? `${field}: ` : ''}Jenis berkas tidak didukung. Gunakan ${allowed}.`,
    en: `${field ? `${field}: ` : ''}Unsupported file type. Use ${allowed}.`,
  })),
  rateLimited: make(429, 'rate_limited', (seconds: number) => ({
    id: `Terlalu banyak percobaan. Coba lagi dalam ${seconds} detik.`,
    en: `Too many attempts. Try again in ${seconds} seconds.`,
  })),
  /** What a page says of an unexpected failure (the JSON API answers `internal` in the same words). */
  internal: make(500, 'internal', () => ({
    id: 'Terjadi kesalahan di sisi kami. Coba lagi sebentar lagi.',
    en: 'Something went wrong on our side. Please try again shortly.',
  })),
  // Live room (Q&A, polls)
  qaClosed: make(409, 'qa_closed', () => ({
    id: 'Sesi tanya jawab sedang ditutup oleh moderator.',
    en: 'The Q&A is closed by the moderator at the moment.',
  })),
  questionMerged: make(409, 'question_merged', () => ({
    id: 'Pertanyaan ini sudah digabung ke pertanyaan lain.',
    en: 'This question has been merged into another one.',
  })),
  pollNotOpen: make(409, 'poll_not_open', () => ({
    id: 'Jajak pendapat ini sedang tidak dibuka.',
    en: 'This poll is not open.',
  })),
  pollStarted: make(409, 'poll_started', () => ({
    id: 'Jajak pendapat yang sudah dibuka tidak bisa diubah isinya.',
    en: 'A poll that has been opened cannot be edited.',
  })),
  tooManyQuestions: make(429, 'too_many_questions', (seconds: number) => ({
    id: `Anda sudah mengirim banyak pertanyaan. Coba lagi dalam ${seconds} detik.`,
    en: `You have sent many questions. Try again in ${seconds} seconds.`,
  })),
  // After the event (issue 6): evaluation and certificates
  evaluationNotOpen: make(409, 'evaluation_not_open', () => ({
    id: 'Evaluasi acara ini sedang tidak dibuka.',
    en: 'The evaluation of this event is not open.',
  })),
  evaluationDone: make(409, 'evaluation_already_submitted', () => ({
    id: 'Evaluasi dari tiket ini sudah diterima. Terima kasih!',
    en: 'An evaluation from this ticket has already been received. Thank you!',
  })),
  certificateRevoked: make(410, 'certificate_revoked', () => ({
    id: 'Sertifikat ini sudah dicabut dan tidak bisa diunduh.',
    en: 'This certificate has been revoked and cannot be downloaded.',
  })),
  // ── auth ──
  tooManyLogins: make(429, 'too_many_logins', (minutes: number) => ({
    id: `Terlalu banyak percobaan masuk yang salah untuk akun ini. Coba lagi dalam ${minutes} menit.`,
    en: `Too many failed logins for this account. Try again in ${minutes} minutes.`,
  })),
  inviteUsed: make(410, 'invite_used', () => ({
    id: 'Tautan ini sudah dipakai atau kedaluwarsa. Minta tautan baru kepada panitia.',
    en: 'This link was already used or has expired. Ask the organizers for a new one.',
  })),
  // ── events ──
  slugTaken: make(409, 'slug_taken', (slug: string) => ({
    id: `Alamat "${slug}" sudah dipakai acara lain. Pilih alamat lain.`,
    en: `The address "${slug}" is already used by another event. Choose another one.`,
  })),
  /** The console asks before a new start moves the rundown, codes and stage timer (or leaves them). */
  scheduleMoveUnconfirmed: make(409, 'confirm_schedule_move', () => ({
    id: 'Waktu mulai berubah. Pilih di bawah: geser juga jadwal acara ini, atau biarkan di waktu lamanya.',
    en: 'The start changed. Choose below: move this event’s schedule with it, or leave it at its old times.',
  })),
  deleteConfirm: make(409, 'confirm_delete', (slug: string) => ({
    id: `Untuk menghapus acara beserta semua pendaftar, presensi, pertanyaan dan sertifikatnya, ketik alamatnya: ${slug}`,
    en: `To delete the event with all its registrations, attendance, questions and certificates, type its address: ${slug}`,
  })),
  teamUserUnknown: make(404, 'user_not_found', (email: string) => ({
    id: `Belum ada pengguna dengan e-mail ${email}. Buat akunnya dulu di menu Akun panitia (/console/users), lalu tambahkan ke tim.`,
    en: `There is no user with the e-mail ${email}. Create the account first under Staff accounts (/console/users), then add it to the team.`,
  })),
  teamCreator: make(409, 'team_creator', () => ({
    id: 'Pembuat acara selalu menjadi panitia acara ini; perannya tidak dapat diubah atau dihapus.',
    en: 'The creator of the event is always one of its organizers; that role cannot be changed or removed.',
  })),
  // ── orgs ──
  orgSlugTaken: make(409, 'org_slug_taken', (slug: string) => ({
    id: `Alamat "${slug}" sudah dipakai organisasi lain. Pilih alamat lain.`,
    en: `The address "${slug}" is already used by another organization. Choose another one.`,
  })),
  orgNotMember: make(403, 'org_not_member', (name: string) => ({
    id: `Anda bukan anggota organisasi "${name}". Minta pemiliknya menambahkan Anda sebagai anggota.`,
    en: `You are not a member of the organization "${name}". Ask its owner to add you as a member.`,
  })),
  orgOwnersOnly: make(403, 'org_owners_only', () => ({
    id: 'Hanya pemilik organisasi yang dapat mengatur anggotanya.',
    en: 'Only owners of the organization can manage its members.',
  })),
  orgLastOwner: make(409, 'org_last_owner', () => ({
    id: 'Organisasi harus tetap punya minimal satu pemilik. Jadikan anggota lain pemilik terlebih dahulu.',
    en: 'The organization must keep at least one owner. Make another member an owner first.',
  })),
  orgUserUnknown: make(404, 'org_user_not_found', (email: string) => ({
    id: `Belum ada akun panitia dengan e-mail ${email}. Buat akunnya dulu di menu Akun panitia.`,
    en: `There is no staff account with the e-mail ${email}. Create it first under Staff accounts.`,
  })),
  orgMemberNotOrganizer: make(400, 'org_member_not_organizer', (email: string) => ({
    id: `Akun ${email} bukan penyelenggara; hanya penyelenggara yang dapat menjadi anggota organisasi.`,
    en: `The account ${email} is not an organizer; only organizers can be members of an organization.`,
  })),
  // ── program ──
  // ── console ──
  /** A console form's `datetime-local` field that is empty or not a date and time in the event's zone. */
  formDateTime: makeWithDetails(400, 'invalid_date_time', (field: string) => ({
    text: {
      id: `${field}: isi tanggal dan jam (hh:mm).`,
      en: `${field}: fill in the date and time (hh:mm).`,
    },
    details: { fields: [field] },
  })),
  formTimeZone: makeWithDetails(400, 'unknown_time_zone', () => ({
    text: { id: 'timezone: zona waktu tidak dikenal.', en: 'timezone: unknown time zone.' },
    details: { fields: ['timezone'] },
  })),
  // ── site ──
  // ── attendance ──
  attendanceCodeTaken: make(409, 'attendance_code_taken', (code: string) => ({
    id: `Kode ${code} sudah dipakai di acara ini.`,
    en: `The code ${code} is already used in this event.`,
  })),
  ticketNotFound: make(404, 'ticket_not_found', () => ({
    id: 'Tiket ini tidak terdaftar untuk acara ini. Periksa acaranya, atau daftarkan sebagai peserta di tempat.',
    en: 'This ticket is not registered for this event. Check the event, or register the person as a walk-in.',
  })),
  ticketMalformed: make(400, 'ticket_malformed', () => ({
    id: 'Kode tiket tidak terbaca. Pindai ulang QR-nya atau cari berdasarkan nama.',
    en: 'The ticket code cannot be read. Scan the QR code again or search by name.',
  })),
  ticketCancelled: makeWithDetails(409, 'ticket_cancelled', (name: string) => ({
    text: { id: `Pendaftaran ${name} sudah dibatalkan.`, en: `${name}'s registration was cancelled.` },
    details: { name },
  })),
  ticketWaitlisted: makeWithDetails(409, 'ticket_waitlisted', (name: string) => ({
    text: { id: `${name} masih dalam daftar tunggu.`, en: `${name} is still on the waitlist.` },
    details: { name, status: 'waitlisted' },
  })),
  ticketNotConfirmed: makeWithDetails(409, 'ticket_not_confirmed', (name: string, status: string) => ({
    text: { id: `Pendaftaran ${name} belum dikonfirmasi.`, en: `${name}'s registration is not confirmed.` },
    details: { name, status },
  })),
  registeredOnline: makeWithDetails(409, 'registered_online', (reg: { id: string; name: string }) => ({
    text: {
      id: `${reg.name} terdaftar daring, bukan di aula.`,
      en: `${reg.name} registered to attend online, not in the hall.`,
    },
    details: { registrationId: reg.id, name: reg.name },
  })),
  /** One code for both: switching a ticket to the hall, and a walk-in (named) the full hall cannot waitlist. */
  hallFull: makeWithDetails(409, 'hall_full', (walkIn?: string) =>
    walkIn === undefined
      ? {
          text: {
            id: 'Aula sudah penuh: tidak bisa pindah ke luring.',
            en: 'The hall is full: cannot switch to in-person.',
          },
          details: {},
        }
      : {
          text: {
            id: `Aula penuh dan acara ini tidak memakai daftar tunggu: ${walkIn} tidak didaftarkan dan belum check-in.`,
            en: `The hall is full and this event keeps no waitlist: ${walkIn} was not registered or checked in.`,
          },
          details: { name: walkIn },
        },
  ),
  walkInBusy: make(409, 'walkin_in_progress', () => ({
    id: 'Pendaftaran di tempat ini sedang diproses perangkat lain. Sinkronkan lagi sebentar.',
    en: 'This walk-in is being registered by another request. Sync again in a moment.',
  })),
  attendanceCodeInvalid: make(400, 'attendance_code_invalid', () => ({
    id: 'Kode presensi salah. Periksa lagi kode yang diumumkan.',
    en: 'Wrong attendance code. Check the code that was announced.',
  })),
  attendanceCodeNotOpen: make(409, 'attendance_code_not_open', () => ({
    id: 'Kode presensi ini belum dibuka.',
    en: 'This attendance code is not open yet.',
  })),
  attendanceCodeClosed: make(409, 'attendance_code_closed', (closedAt: string) => ({
    id: `Waktu memasukkan kode ini sudah habis (ditutup pukul ${closedAt}).`,
    en: `The time to enter this code is over (closed at ${closedAt}).`,
  })),
  noOnlineRoom: make(409, 'no_online_room', () => ({
    id: 'Tautan ruang daring belum tersedia. Coba lagi mendekati waktu acara.',
    en: 'The online room link is not available yet. Try again closer to the start.',
  })),
  /** A door scan before the doors open or after the window; staff may override with a reason. */
  checkinOutsideWindow: makeWithDetails(
    409,
    'checkin_outside_window',
    (when: 'before' | 'after', at: Text) => ({
      text:
        when === 'before'
          ? {
              id: `Check-in belum dibuka: pintu dibuka ${at.id}. Petugas dapat tetap mencatat dengan alasan.`,
              en: `Check-in is not open yet: doors open ${at.en}. Staff may still record it with a reason.`,
            }
          : {
              id: `Check-in sudah selesai (ditutup ${at.id}). Petugas dapat tetap mencatat dengan alasan.`,
              en: `Check-in is over (closed ${at.en}). Staff may still record it with a reason.`,
            },
      details: { window: when, overridable: true },
    }),
  ),
  /** A personal join or an attendance code outside the event's online window. */
  onlineOutsideWindow: makeWithDetails(
    409,
    'online_outside_window',
    (when: 'before' | 'after', at: Text) => ({
      text:
        when === 'before'
          ? {
              id: `Ruang daring belum dibuka. Silakan kembali ${at.id}.`,
              en: `The online room is not open yet. Please come back ${at.en}.`,
            }
          : {
              id: `Acara sudah selesai (ruang daring ditutup ${at.id}); kehadiran tidak dicatat lagi.`,
              en: `The event is over (the online room closed ${at.en}); attendance is no longer recorded.`,
            },
      details: { window: when },
    }),
  ),
  attendanceCodeOutsideWindow: makeWithDetails(
    400,
    'attendance_code_outside_window',
    (from: Text, to: Text) => ({
      text: {
        id: `opensAt: kode presensi hanya dapat dibuka selama acara (${from.id} – ${to.id}).`,
        en: `opensAt: attendance codes can only be opened during the event (${from.en} – ${to.en}).`,
      },
      details: { fields: ['opensAt'] },
    }),
  ),
  /** A hall ticket's personal join link: the hall ticket does not open the online room. */
  joinNeedsOnlineTicket: make(409, 'join_needs_online_ticket', () => ({
    id: 'Tiket ini untuk hadir di aula (luring). Untuk mengikuti secara daring, pindah ke daring di halaman tiket Anda terlebih dahulu.',
    en: 'This ticket is for attending in the hall. To follow online, switch to online attendance on your ticket page first.',
  })),
  presenceNeedsConfirmed: make(409, 'registration_not_confirmed', () => ({
    id: 'Hanya pendaftaran yang terkonfirmasi yang dapat dihitung hadir.',
    en: 'Only a confirmed registration can be counted as present.',
  })),
  importUnknownColumns: make(400, 'import_unknown_columns', (found: string[]) => ({
    id: `Berkas ini bukan laporan peserta Zoom atau Google Meet: kolom nama tidak ditemukan (kolom yang ada: ${found.slice(0, 8).join(', ') || '-'}). Unduh ulang laporan peserta dalam format CSV.`,
    en: `This file is not a Zoom or Google Meet participant report: no name column found (columns present: ${found.slice(0, 8).join(', ') || '-'}). Download the participant report again as CSV.`,
  })),
  importEmpty: make(400, 'import_empty', () => ({
    id: 'Berkas laporan tidak berisi satu pun peserta.',
    en: 'The report file contains no participants.',
  })),
  // ── registrations ──
  registrationClosed: make(409, 'registration_closed', (when: 'before' | 'after', at: string) =>
    when === 'before'
      ? { id: `Pendaftaran belum dibuka. Dibuka ${at}.`, en: `Registration is not open yet. It opens ${at}.` }
      : { id: 'Pendaftaran sudah ditutup.', en: 'Registration is closed.' },
  ),
  eventNotOpen: make(409, 'event_not_published', () => ({
    id: 'Acara ini belum dibuka untuk pendaftaran.',
    en: 'This event is not open for registration yet.',
  })),
  modeUnavailable: make(400, 'mode_unavailable', (mode: Text) => ({
    id: `Acara ini tidak menyediakan kehadiran ${mode.id}.`,
    en: `This event does not offer ${mode.en} attendance.`,
  })),
  modeFull: make(409, 'full', (mode: Text) => ({
    id: `Kuota ${mode.id} sudah penuh dan tidak ada daftar tunggu.`,
    en: `The ${mode.en} quota is full and there is no waitlist.`,
  })),
  /** The organizer confirms someone on the waitlist while the mode is full: the waitlist exists, room does not. */
  noRoomToConfirm: make(409, 'no_room_to_confirm', (mode: Text) => ({
    id: `Kuota ${mode.id} sudah penuh. Tambah kapasitas atau batalkan pendaftar lain dahulu; yang di daftar tunggu lalu naik otomatis.`,
    en: `The ${mode.en} quota is full. Raise the capacity or cancel another registration first; the waitlist then moves up by itself.`,
  })),
  noRoomToSwitch: make(409, 'no_room', (mode: Text) => ({
    id: `Tidak ada tempat tersisa untuk ${mode.id}. Pendaftaran Anda tidak berubah.`,
    en: `There is no room left ${mode.en}. Your registration is unchanged.`,
  })),
  /**
   * A repeat sign-up never gets the ticket back in the answer (name and phone are no secret): the link goes to the
   * contact on file, or the person asks the committee.
   */
  alreadyRegistered: make(409, 'already_registered', (how: 'sent' | 'recent' | 'committee') => ({
    id: `Nomor WhatsApp atau e-mail ini sudah terdaftar untuk acara ini.${how === 'sent' ? ' Tautan tiket telah dikirim ulang ke e-mail yang terdaftar.' : how === 'recent' ? ' Tautan tiket baru saja dikirim ke e-mail yang terdaftar; periksa kotak masuk (juga folder spam).' : ' Minta tautan tiket Anda kepada panitia.'}`,
    en: `This WhatsApp number or e-mail is already registered for this event.${how === 'sent' ? ' The ticket link was sent again to the registered e-mail.' : how === 'recent' ? ' The ticket link was just sent to the registered e-mail; check the inbox (and the spam folder).' : ' Ask the committee for your ticket link.'}`,
  })),
  contactTaken: make(409, 'contact_taken', () => ({
    id: 'Nomor WhatsApp atau e-mail ini sudah dipakai peserta lain di acara ini.',
    en: 'This WhatsApp number or e-mail is already used by another participant of this event.',
  })),
  ticketInactive: make(409, 'ticket_inactive', () => ({
    id: 'Pendaftaran ini sudah dibatalkan atau ditolak.',
    en: 'This registration was cancelled or declined.',
  })),
  /** Someone else changed the registration between reading it and the conditional update. */
  registrationChanged: make(409, 'registration_changed', () => ({
    id: 'Pendaftaran ini baru saja berubah. Muat ulang lalu coba lagi.',
    en: 'This registration just changed. Reload and try again.',
  })),
  invitedGuestMode: make(409, 'invitation_seat', () => ({
    id: 'Tamu undangan mengubah kehadiran melalui panitia.',
    en: 'Invited guests change their attendance through the organizers.',
  })),
  // ── seating ──
  seatPlanTooSmall: make(409, 'plan_too_small', (confirmed: number, capacity: number) => ({
    id: `Sudah ${confirmed} peserta terkonfirmasi di aula, tetapi denah baru hanya memuat ${capacity} kursi umum.`,
    en: `${confirmed} people are already confirmed for the hall, but the new plan seats only ${capacity} (public seats).`,
  })),
  seatsInUse: make(409, 'seats_in_use', (list: string) => ({
    id: `Kursi ${list} sudah ditempati dan tidak tersedia (atau berubah jenis) di denah baru. Pindahkan dulu pemegangnya.`,
    en: `Seats ${list} are taken and would no longer be available (or change kind) in the new plan. Move their holders first.`,
  })),
  seatNotForMode: make(409, 'seat_not_for_mode', () => ({
    id: 'Hanya peserta luring yang terdaftar yang mendapat kursi.',
    en: 'Only registered hall participants get a seat.',
  })),
  /** A seat the plan does not offer: for a participant (blocked seats too) or for an invited guest. */
  seatUnusable: make(409, 'seat_unusable', (seat: string, forWhom: 'registration' | 'invitation') =>
    forWhom === 'registration'
      ? {
          id: `Kursi ${seat} tidak tersedia: tidak ada di denah, diblokir, atau harus kosong menurut aturan jarak.`,
          en: `Seat ${seat} is not available: not in the plan, blocked, or kept empty by the distancing rule.`,
        }
      : {
          id: `Kursi ${seat} tidak ada di denah atau dikosongkan oleh aturan jarak.`,
          en: `Seat ${seat} is not in the plan or is kept empty by the distancing rule.`,
        },
  ),
  seatReserved: make(409, 'seat_reserved', (seat: string, keptForGuests: boolean) =>
    keptForGuests
      ? {
          id: `Kursi ${seat} disediakan untuk tamu undangan.`,
          en: `Seat ${seat} is kept for invited guests.`,
        }
      : {
          id: 'Tamu undangan duduk di kursi yang disediakan untuk tamu.',
          en: 'Invited guests sit on the seats kept for guests.',
        },
  ),
  /** The seat is someone else's: a participant's (seat moves) or another guest's (invitations). */
  seatTaken: make(409, 'seat_taken', (seat: string, heldBy: 'registration' | 'invitation') =>
    heldBy === 'registration'
      ? {
          id: `Kursi ${seat} sudah ditempati orang lain.`,
          en: `Seat ${seat} is already taken by someone else.`,
        }
      : {
          id: `Kursi ${seat} sudah disediakan untuk tamu lain.`,
          en: `Seat ${seat} is already kept for another guest.`,
        },
  ),
  // ── invitations ──
  seatNotReserved: make(409, 'seat_not_reserved', (seat: string) => ({
    id: `Kursi ${seat} bukan kursi tamu. Tandai sebagai kursi tamu di denah kursi.`,
    en: `Seat ${seat} is not a guest seat. Mark it as a guest seat in the seat plan.`,
  })),
  invitationEventOver: make(409, 'event_over', () => ({
    id: 'Acara sudah selesai.',
    en: 'The event is over.',
  })),
  // ── webhooks (issue 12) ──
  webhookPrivateAddress: make(400, 'webhook_private_address', () => ({
    id: 'url: alamat loopback atau jaringan privat tidak diizinkan (WEBHOOKS_ALLOW_PRIVATE).',
    en: 'url: loopback or private network addresses are not allowed (WEBHOOKS_ALLOW_PRIVATE).',
  })),
  webhookNeedsEvent: make(403, 'webhook_needs_event', () => ({
    id: 'eventId: hanya admin yang boleh membuat webhook untuk semua acara; sebutkan acara Anda.',
    en: 'eventId: only admins may create a webhook for every event; name your event.',
  })),
  // ── announcements ──
  announcementUnpublished: make(409, 'announcement_event_not_published', () => ({
    id: 'Terbitkan acara ini dulu: pengumuman menautkan ke halaman publiknya.',
    en: 'Publish this event first: the announcement links to its public page.',
  })),
  // ── evaluation ──
  evaluationQuestionAnswered: make(409, 'evaluation_question_answered', (problems: Text[]) => ({
    id: `Pertanyaan yang sudah dijawab tidak bisa diubah artinya: ${problems.map((p) => p.id).join('; ')}. Urutan, pertanyaan baru, pilihan tambahan, topik dan wajib/tidak tetap bisa diubah; untuk pertanyaan lain, tambahkan pertanyaan baru.`,
    en: `Questions that have answers cannot change meaning: ${problems.map((p) => p.en).join('; ')}. Order, new questions, extra choices, topic and required can still change; for anything else, add a new question.`,
  })),
  // ── qa ──
  /** The question to merge into is (or, racing with another moderator, just became) merged or dismissed. */
  mergeTargetGone: make(409, 'merge_target', (justNow: boolean) =>
    justNow
      ? {
          id: 'Pertanyaan tujuan baru saja digabung atau ditolak.',
          en: 'The target question was just merged or dismissed.',
        }
      : {
          id: 'Pertanyaan tujuan sudah digabung atau ditolak. Pilih pertanyaan lain.',
          en: 'The target question is merged or dismissed. Choose another one.',
        },
  ),
  /** Votes and poll answers count once per person: a ticket, or (open participation) the live page's voter. */
  ticketRequired: make(403, 'ticket_required', () => ({
    id: 'Dukungan dan jawaban jajak pendapat memerlukan tiket: buka halaman langsung dari tautan di tiket Anda (peserta di tempat mendapatkannya di meja registrasi).',
    en: 'Votes and poll answers need a ticket: open the live page from the link on your ticket (walk-ins get one at the registration desk).',
  })),
  voterRequired: make(403, 'voter_required', () => ({
    id: 'Buka halaman langsung acara ini dulu, lalu beri dukungan atau jawab dari sana.',
    en: 'Open the event’s live page first, then vote or answer from there.',
  })),
  tooManyNewVoters: make(429, 'too_many_new_voters', (seconds: number) => ({
    id: `Terlalu banyak pemilih baru dari jaringan ini. Coba lagi dalam ${seconds} detik.`,
    en: `Too many new voters from this network. Try again in ${seconds} seconds.`,
  })),
  notMerged: make(409, 'question_not_merged', () => ({
    id: 'Pertanyaan ini tidak sedang digabung.',
    en: 'This question is not merged.',
  })),
  // ── live ──
  /** A live-room WebSocket over a cap (src/realtime/socket-limits.ts): the page polls instead. */
  liveBusy: make(503, 'live_busy', (cap: 'address' | 'total') => ({
    id: `Koneksi langsung penuh${cap === 'address' ? ' untuk alamat jaringan ini' : ''}; halaman memakai pembaruan berkala.`,
    en: `Live connections are full${cap === 'address' ? ' for this network address' : ''}; the page uses periodic updates.`,
  })),
  noCaptionYet: make(409, 'no_caption_yet', () => ({
    id: 'Belum ada baris takarir untuk dikoreksi.',
    en: 'There is no caption line to correct yet.',
  })),
  rundownEmpty: make(409, 'rundown_empty', () => ({
    id: 'Susunan acara masih kosong. Tambahkan acara terlebih dahulu.',
    en: 'The rundown is empty. Add items first.',
  })),
  // ── certificates ──
  certificateConflict: make(409, 'certificate_conflict', () => ({
    id: 'Sertifikat belum terbit karena staf lain sedang menerbitkan sertifikat acara ini pada saat yang sama. Tunggu sebentar, lalu coba lagi.',
    en: 'The certificate was not issued because other staff were issuing this event’s certificates at the same moment. Wait a moment, then try again.',
  })),
  certificatesBeforeEnd: make(409, 'certificates_before_end', () => ({
    id: 'Acara belum selesai. Sertifikat biasanya terbit setelah acara berakhir; centang konfirmasi (API: beforeEnd: true) bila memang ingin menerbitkan sekarang.',
    en: 'The event has not ended yet. Certificates are usually issued after it ends; tick the confirmation (API: beforeEnd: true) to issue them now anyway.',
  })),
  // ── reports ──
  reportAlreadyFinal: make(409, 'report_already_final', () => ({
    id: 'Laporan ini sudah final. Buka kembali sebagai draf dulu bila ingin membuat versi baru.',
    en: 'This report is already final. Reopen it as a draft first to make a new version.',
  })),
  reportIsFinal: make(409, 'report_is_final', () => ({
    id: 'Laporan sudah final, jadi narasinya terkunci. Buka kembali sebagai draf untuk mengubahnya.',
    en: 'The report is final, so its narrative is locked. Reopen it as a draft to change it.',
  })),
  reportNotFinal: make(409, 'report_not_final', () => ({
    id: 'Laporan ini masih draf; tidak ada versi final yang bisa dibuka kembali.',
    en: 'This report is still a draft; there is no final version to reopen.',
  })),
  // ── media ──
  /** A PDF that pdf-lib could not read within the time limit (src/modules/media/pdf-check.ts). */
  pdfTooComplex: make(415, 'pdf_too_complex', (seconds: number) => ({
    id: `PDF tidak dapat diperiksa dalam ${seconds} detik (berkas rusak atau berisi data acak). Simpan ulang sebagai PDF lalu unggah lagi.`,
    en: `The PDF could not be checked within ${seconds} seconds (a damaged file or random data). Save it again as PDF and upload it again.`,
  })),
  // ── uploads ──
} as const;

export const what = {
  event: { id: 'Acara', en: 'Event' },
  person: { id: 'Orang', en: 'Person' },
  agendaItem: { id: 'Susunan acara', en: 'Agenda item' },
  organization: { id: 'Organisasi', en: 'Organization' },
  orgMember: { id: 'Anggota organisasi', en: 'Organization member' },
  user: { id: 'Pengguna', en: 'User' },
  file: { id: 'Berkas', en: 'File' },
  certificate: { id: 'Sertifikat dengan kode ini', en: 'A certificate with this code' },
  mediaItem: { id: 'Foto atau materi', en: 'Photo or material' },
  question: { id: 'Pertanyaan', en: 'Question' },
  poll: { id: 'Jajak pendapat', en: 'Poll' },
  pollAnswer: { id: 'Jawaban jajak pendapat', en: 'Poll answer' },
  ticket: { id: 'Tiket', en: 'Ticket' },
  registration: { id: 'Pendaftaran', en: 'Registration' },
  message: { id: 'Pesan', en: 'Message' },
  webhook: { id: 'Webhook', en: 'Webhook' },
  delivery: { id: 'Pengiriman', en: 'Delivery' },
  invitation: { id: 'Undangan', en: 'Invitation' },
  seatPlan: { id: 'Denah kursi', en: 'Seat plan' },
  attendanceCode: { id: 'Kode presensi', en: 'Attendance code' },
  reportImport: { id: 'Impor laporan', en: 'Report import' },
  reportRow: { id: 'Baris laporan', en: 'Report row' },
} satisfies Record<string, Text>;
