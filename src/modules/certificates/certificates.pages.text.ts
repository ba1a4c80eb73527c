/** Words shared by the certificate pages (public and console). */
export const T = {
  verifyTitle: { id: 'Verifikasi sertifikat', en: 'Certificate verification' },
  valid: {
    id: 'SAH — sertifikat ini terdaftar dan berlaku',
    en: 'VALID — this certificate is registered and in force',
  },
  revoked: {
    id: 'DICABUT — sertifikat ini tidak berlaku lagi',
    en: 'REVOKED — this certificate is no longer valid',
  },
  name: { id: 'Nama', en: 'Name' },
  role: { id: 'Sebagai', en: 'Role' },
  event: { id: 'Kegiatan', en: 'Event' },
  date: { id: 'Tanggal', en: 'Date' },
  place: { id: 'Tempat', en: 'Place' },
  number: { id: 'Nomor', en: 'Number' },
  code: { id: 'Kode verifikasi', en: 'Verification code' },
  lookupIntro: {
    id: 'Periksa keaslian sertifikat: ketik nomor yang tercetak di sertifikat, atau kode verifikasi di bawah kode QR.',
    en: 'Check a certificate: type the number printed on it, or the verification code under its QR code.',
  },
  lookupLabel: { id: 'Nomor sertifikat atau kode verifikasi', en: 'Certificate number or verification code' },
  lookupHint: {
    id: 'Contoh: 012/SERT/AP-UPM/XII/2021 atau K7QM-3XPA-9TRW',
    en: 'For example: 012/SERT/AP-UPM/XII/2021 or K7QM-3XPA-9TRW',
  },
  lookup: { id: 'Periksa', en: 'Check' },
  notFoundTitle: { id: 'Sertifikat tidak ditemukan', en: 'Certificate not found' },
  notFound: {
    id: 'TIDAK DITEMUKAN — tidak ada sertifikat dengan nomor atau kode ini',
    en: 'NOT FOUND — no certificate has this number or code',
  },
  notFoundHint: {
    id: 'Periksa kembali penulisannya (huruf, angka dan garis miring). Jika tetap tidak ditemukan, sertifikat ini tidak diterbitkan lewat Aula oleh penyelenggara.',
    en: 'Check the spelling (letters, digits and slashes). If it is still not found, the organizer did not issue this certificate through Aula.',
  },
  compare: {
    id: 'Cocokkan nama, nomor dan tanggal di atas dengan sertifikat yang Anda terima.',
    en: 'Compare the name, number and date above with the certificate you received.',
  },
  mine: { id: 'Sertifikat Anda', en: 'Your certificate' },
  download: { id: 'Unduh sertifikat (PDF)', en: 'Download the certificate (PDF)' },
  share: { id: 'Bagikan lewat WhatsApp', en: 'Share on WhatsApp' },
  notYet: {
    id: 'Sertifikat belum terbit. Sertifikat diberikan kepada peserta yang tercatat hadir, setelah acara selesai.',
    en: 'No certificate yet. Certificates go to participants recorded as present, after the event.',
  },
  console: { id: 'Sertifikat', en: 'Certificates' },
};
