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
