import type { Text } from '../../i18n/index.js';

/** Every string of the public pages, Bahasa Indonesia first. */
export const T = {
  homeTitle: { id: 'Aula — seminar hibrida', en: 'Aula — hybrid seminars' },
  homeIntro: {
    id: 'Seminar tatap muka dan daring: daftar, hadir, bertanya, dan unduh sertifikat dari satu tempat.',
    en: 'Seminars in the hall and online: register, attend, ask and download your certificate in one place.',
  },
  upcoming: { id: 'Acara mendatang', en: 'Upcoming events' },
  past: { id: 'Acara yang telah berlangsung', en: 'Past events' },
  noUpcoming: { id: 'Belum ada acara mendatang.', en: 'No upcoming events yet.' },
  noPast: { id: 'Belum ada acara sebelumnya.', en: 'No past events yet.' },
  organizations: { id: 'Penyelenggara', en: 'Organizers' },
  nextInSeries: { id: 'Acara berikutnya', en: 'Next event' },
  series: { id: 'Seri', en: 'Series' },
  asPartner: { id: 'Sebagai mitra', en: 'As a partner' },
  website: { id: 'Situs web', en: 'Website' },
  theme: { id: 'Tema', en: 'Theme' },
  when: { id: 'Waktu', en: 'When' },
  until: { id: 'sampai', en: 'until' },
  where: { id: 'Tempat', en: 'Where' },
  hybrid: { id: 'Hibrida: tatap muka (luring) dan daring', en: 'Hybrid: in the hall and online' },
  onsiteOnly: { id: 'Tatap muka (luring)', en: 'In person' },
  onlineOnly: { id: 'Daring (online)', en: 'Online' },
  hall: { id: 'Di lokasi', en: 'In the hall' },
  online: { id: 'Daring', en: 'Online' },
  capacity: { id: 'Kapasitas ruangan', en: 'Hall capacity' },
  people: { id: 'orang', en: 'people' },
  map: { id: 'Lihat peta', en: 'Open the map' },
  onlineVia: { id: 'Daring lewat', en: 'Online via' },
  joinLinkNote: {
    id: 'Tautan bergabung dikirim kepada peserta daring yang terdaftar.',
    en: 'The join link is sent to registered online participants.',
  },
  onlineCapacity: { id: 'Kuota daring', en: 'Online places' },
  remarks: { id: 'Sambutan', en: 'Opening remarks' },
  speakers: { id: 'Narasumber', en: 'Speakers' },
  hosts: { id: 'Moderator dan pembawa acara', en: 'Moderator and host' },
  committee: { id: 'Panitia', en: 'Committee' },
  rundown: { id: 'Susunan acara', en: 'Programme' },
  organizedBy: { id: 'Penyelenggara', en: 'Organized by' },
  partners: { id: 'Bekerja sama dengan', en: 'In partnership with' },
  about: { id: 'Tentang acara', en: 'About the event' },
  addToCalendar: { id: 'Simpan ke kalender (.ics)', en: 'Add to calendar (.ics)' },
  shareWhatsApp: { id: 'Bagikan lewat WhatsApp', en: 'Share on WhatsApp' },
  share: { id: 'Bagikan', en: 'Share' },
  draftPreview: {
    id: 'Pratinjau draf: halaman ini belum terlihat oleh publik.',
    en: 'Draft preview: the public cannot see this page yet.',
  },
  waInfo: { id: 'Info dan pendaftaran', en: 'Details and registration' },
  onsiteShort: { id: 'luring', en: 'in person' },
  onlineShort: { id: 'daring', en: 'online' },
  eventsOf: { id: 'Acara', en: 'Events' },
  at: { id: 'di', en: 'at' },
  forOrganizers: {
    id: 'Panitia? Buat dan kelola acara di konsol.',
    en: 'Organizer? Create and manage events in the console.',
  },
} satisfies Record<string, Text>;

export const PLATFORM_LABELS: Record<string, Text> = {
  zoom: { id: 'Zoom', en: 'Zoom' },
  meet: { id: 'Google Meet', en: 'Google Meet' },
  jitsi: { id: 'Jitsi Meet', en: 'Jitsi Meet' },
  youtube: { id: 'YouTube Live', en: 'YouTube Live' },
  bbb: { id: 'BigBlueButton', en: 'BigBlueButton' },
  other: { id: 'konferensi video', en: 'video conference' },
};

export const KIND_LABELS: Record<string, Text> = {
  opening: { id: 'Pembukaan', en: 'Opening' },
  remarks: { id: 'Sambutan', en: 'Remarks' },
  talk: { id: 'Materi', en: 'Talk' },
  video: { id: 'Video', en: 'Video' },
  qa: { id: 'Tanya jawab', en: 'Q&A' },
  break: { id: 'Jeda', en: 'Break' },
  closing: { id: 'Penutup', en: 'Closing' },
  other: { id: 'Lainnya', en: 'Other' },
};

export const ROLE_LABELS: Record<string, Text> = {
  speaker: { id: 'Narasumber', en: 'Speaker' },
  moderator: { id: 'Moderator', en: 'Moderator' },
  mc: { id: 'Pembawa acara', en: 'Host (MC)' },
  official: { id: 'Pejabat / sambutan', en: 'Official (remarks)' },
  committee: { id: 'Panitia', en: 'Committee' },
};

export const PRESENCE_LABELS: Record<string, Text> = {
  onsite: { id: 'Di lokasi', en: 'In the hall' },
  online: { id: 'Daring', en: 'Online' },
};
