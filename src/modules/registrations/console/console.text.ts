import type { Locale, Text } from '../../../i18n/index.js';
import type { EventRow } from '../../events/index.js';
import { waDigits } from '../phone.js';
import type { RegistrationRow } from '../registrations.repository.js';

/** The organizer's registrations console: its words, in both languages. */
export const RT = {
  counts: { id: 'Jumlah', en: 'Counts' },
  capacity: { id: 'Kapasitas', en: 'Capacity' },
  unlimited: { id: 'tanpa batas', en: 'unlimited' },
  left: { id: 'sisa', en: 'left' },
  search: {
    id: 'Cari nama, instansi, nomor, e-mail, kursi',
    en: 'Search name, institution, number, e-mail, seat',
  },
  all: { id: 'Semua', en: 'All' },
  filter: { id: 'Tampilkan', en: 'Show' },
  exportCsv: { id: 'Unduh CSV', en: 'Download CSV' },
  exportXlsx: { id: 'Unduh XLSX', en: 'Download XLSX' },
  name: { id: 'Nama', en: 'Name' },
  institution: { id: 'Instansi', en: 'Institution' },
  contact: { id: 'Kontak', en: 'Contact' },
  mode: { id: 'Kehadiran', en: 'Mode' },
  status: { id: 'Status', en: 'Status' },
  seat: { id: 'Kursi', en: 'Seat' },
  actions: { id: 'Tindakan', en: 'Actions' },
  confirm: { id: 'Konfirmasi', en: 'Confirm' },
  cancel: { id: 'Batalkan', en: 'Cancel' },
  decline: { id: 'Tolak', en: 'Decline' },
  edit: { id: 'Ubah', en: 'Edit' },
  sendWa: { id: 'Kirim tiket via WhatsApp', en: 'Send the ticket by WhatsApp' },
  addTitle: { id: 'Tambah peserta secara manual', en: 'Add a participant by hand' },
  add: { id: 'Tambahkan', en: 'Add' },
  consentManual: {
    id: 'Peserta telah membaca pemberitahuan privasi dan menyetujui pemrosesan datanya.',
    en: 'The participant has read the privacy notice and agreed to the processing of their data.',
  },
  importTitle: { id: 'Impor dari CSV / XLSX', en: 'Import from CSV / XLSX' },
  importHint: {
    id: 'Kolom yang dikenali: Nama, Gelar depan, Gelar belakang, Instansi, WhatsApp, E-mail, Kehadiran (luring/daring). Anda melihat pratinjau lebih dulu; tidak ada yang disimpan selama masih ada baris yang salah.',
    en: 'Recognized columns: Name, Front titles, Back titles, Institution, WhatsApp, E-mail, Mode (onsite/online). You see a preview first; nothing is saved while any row is wrong.',
  },
  defaultMode: { id: 'Kehadiran bila kolomnya kosong', en: 'Mode when the column is empty' },
  preview: { id: 'Pratinjau', en: 'Preview' },
  doImport: (n: number): Text => ({ id: `Impor ${n} baris`, en: `Import ${n} rows` }),
  importErrors: (n: number): Text => ({
    id: `${n} baris bermasalah. Perbaiki berkasnya lalu unggah lagi; belum ada yang disimpan.`,
    en: `${n} rows have problems. Fix the file and upload it again; nothing has been saved yet.`,
  }),
  imported: (c: number, e: number): Text => ({
    id: `${c} peserta ditambahkan, ${e} sudah terdaftar sebelumnya.`,
    en: `${c} participants added, ${e} were already registered.`,
  }),
  line: { id: 'Baris', en: 'Line' },
  ok: { id: 'OK', en: 'OK' },
  share: { id: 'Bagikan acara lewat WhatsApp', en: 'Share the event on WhatsApp' },
  shareText: (title: string, when: string, url: string): Text => ({
    id: `${title}\n${when}\nDaftar (luring/daring): ${url}`,
    en: `${title}\n${when}\nRegister (hall/online): ${url}`,
  }),
  ticketMsg: (title: string, url: string): Text => ({
    id: `Halo, berikut tiket Anda untuk "${title}": ${url}`,
    en: `Hello, here is your ticket for "${title}": ${url}`,
  }),
  saved: { id: 'Tersimpan.', en: 'Saved.' },
  none: { id: 'Belum ada pendaftar.', en: 'No registrations yet.' },
  frontTitles: { id: 'Gelar depan', en: 'Front titles' },
  backTitles: { id: 'Gelar belakang', en: 'Back titles' },
  phone: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'E-mail', en: 'E-mail' },
  save: { id: 'Simpan', en: 'Save' },
  moveSeat: { id: 'Pindah ke kursi (kosongkan untuk melepas)', en: 'Move to seat (empty to clear)' },
} satisfies Record<string, unknown>;

export function waTicketLink(event: EventRow, r: RegistrationRow, url: string, l: Locale) {
  return `https://wa.me/${r.phone ? waDigits(r.phone) : ''}?text=${encodeURIComponent(RT.ticketMsg(event.title, url)[l])}`;
}
