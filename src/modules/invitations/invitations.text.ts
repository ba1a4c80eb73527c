import type { Text } from '../../i18n/index.js';

/** The invitation pages' words: the guest's page and the organizer's console page. */
export const T = {
  title: { id: 'Undangan', en: 'Invitations' },
  youAreInvited: { id: 'Undangan', en: 'Invitation' },
  dear: { id: 'Kepada Yth.', en: 'Dear' },
  seat: { id: 'Kursi Anda', en: 'Your seat' },
  accept: { id: 'Saya akan hadir', en: 'I will attend' },
  decline: { id: 'Saya berhalangan', en: 'I cannot attend' },
  accepted: {
    id: 'Terima kasih, kehadiran Anda sudah kami catat.',
    en: 'Thank you, your attendance is noted.',
  },
  declined: {
    id: 'Terima kasih atas konfirmasinya. Anda tercatat berhalangan.',
    en: 'Thank you for letting us know. You are noted as not attending.',
  },
  ticket: { id: 'Buka tiket (kode QR untuk pintu masuk)', en: 'Open the ticket (QR code for the door)' },
  change: {
    id: 'Anda masih dapat mengubah jawaban sebelum acara dimulai.',
    en: 'You can still change your answer before the event.',
  },
  name: { id: 'Nama', en: 'Name' },
  frontTitles: { id: 'Gelar depan', en: 'Front titles' },
  backTitles: { id: 'Gelar belakang', en: 'Back titles' },
  position: { id: 'Jabatan', en: 'Position' },
  institution: { id: 'Instansi', en: 'Institution' },
  phone: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'E-mail', en: 'E-mail' },
  reservedSeat: {
    id: 'Kursi tamu (label kursi yang ditandai untuk tamu di denah, opsional)',
    en: 'Guest seat (a label marked for guests in the seat plan, optional)',
  },
  add: { id: 'Undang', en: 'Invite' },
  status: {
    invited: { id: 'Belum menjawab', en: 'No reply yet' },
    accepted: { id: 'Hadir', en: 'Attending' },
    declined: { id: 'Berhalangan', en: 'Not attending' },
  } satisfies Record<string, Text>,
  sendWa: { id: 'Kirim via WhatsApp', en: 'Send by WhatsApp' },
  link: { id: 'Tautan', en: 'Link' },
  withdraw: { id: 'Tarik undangan', en: 'Withdraw' },
  none: { id: 'Belum ada tamu undangan.', en: 'No invited guests yet.' },
  summary: (c: { invited: number; accepted: number; declined: number }): Text => ({
    id: `${c.accepted} hadir, ${c.declined} berhalangan, ${c.invited} belum menjawab.`,
    en: `${c.accepted} attending, ${c.declined} not attending, ${c.invited} without a reply.`,
  }),
  freeSeats: { id: 'Kursi tamu yang masih kosong', en: 'Guest seats still free' },
} as const;
