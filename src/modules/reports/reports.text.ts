import type { Locale } from '../../i18n/index.js';

/**
 * Every fixed word of the report, in Bahasa Indonesia and English. The document builder only
 * arranges these with the data; the organizer's narrative is printed as typed in either language.
 */
interface ReportText {
  reportTitle: string;
  draft: string;
  finalStamp: (n: number, date: string) => string;
  cover: {
    theme: (t: string) => string;
    online: (platform: string) => string;
    and: string;
    organizedBy: string;
    withPartners: (p: string) => string;
  };
  approval: {
    heading: string;
    name: string;
    theme: string;
    organizer: string;
    partners: string;
    time: string;
    place: string;
    onlineVia: (platform: string) => string;
    attended: string;
    attendedValue: (total: string, onsite: string, online: string) => string;
    /** Above the first of two or more signature slots. */
    acknowledged: string;
  };
  ch1: {
    heading: string;
    background: string;
    backgroundDefault: (title: string, organizer: string) => string;
    goals: string;
    goalsDefault: (topic: string) => string;
    theme: string;
    organizers: string;
    organizerItem: (o: string) => string;
    partnerItem: (p: string) => string;
  };
  ch2: {
    heading: string;
    timePlace: string;
    day: string;
    time: string;
    venue: string;
    onlineRoom: string;
    link: string;
    stream: string;
    rundown: string;
    rundownHead: [string, string, string];
    online: string;
    people: string;
    peopleHead: [string, string, string, string];
    participants: string;
    participantsHead: [string, string, string, string];
    registered: string;
    present: string;
    waitlisted: string;
    cancelled: string;
    roleCount: (label: string, n: number) => string;
    byInstitution: string;
    institutionHead: [string, string, string];
    notGiven: string;
  };
  ch3: {
    heading: string;
    qa: string;
    qaSentence: (total: number, onsite: number, online: number, answered: number) => string;
    questionsHead: [string, string, string, string, string];
    answered: string;
    notAnswered: string;
    polls: string;
    voters: (n: number) => string;
    openVoting: string;
    evaluation: string;
    noEvaluation: string;
    evaluationSentence: (n: number) => string;
    evaluationHead: [string, string, string, string];
    obstacles: string;
    obstaclesDefault: string;
  };
  ch4: {
    heading: string;
    conclusion: string;
    conclusionDefault: (
      title: string,
      date: string,
      total: string,
      onsite: string,
      online: string,
      avg: string | null,
    ) => string;
    suggestions: string;
    suggestionsDefault: string;
  };
  appendix: {
    heading: string;
    attendance: string;
    attendanceHead: [string, string, string, string, string];
    peopleList: string;
    peopleHead: [string, string, string, string, string];
    photos: string;
    noPhotos: string;
    photoDefault: string;
    certificates: string;
    certificatesHead: [string, string, string, string, string];
    valid: string;
    revoked: string;
    materials: string;
    item: (n: number, label: string) => string;
    news: { id: string; en: string };
  };
  mode: { onsite: string; online: string };
  roles: Record<string, string>;
  kinds: Record<string, string>;
  platformOther: string;
}

const id: ReportText = {
  reportTitle: 'Laporan Kegiatan',
  draft: 'Draf',
  finalStamp: (n, date) => `Versi final ${n}, ditetapkan ${date}`,
  cover: {
    theme: (t) => `Tema: ${t}`,
    online: (p) => `daring (${p})`,
    and: ' dan ',
    organizedBy: 'Diselenggarakan oleh',
    withPartners: (p) => `bekerja sama dengan ${p}`,
  },
  approval: {
    heading: 'LEMBAR PENGESAHAN',
    name: 'Nama kegiatan',
    theme: 'Tema',
    organizer: 'Penyelenggara',
    partners: 'Mitra',
    time: 'Waktu',
    place: 'Tempat',
    onlineVia: (p) => `daring melalui ${p}`,
    attended: 'Jumlah peserta hadir',
    attendedValue: (t, on, off) => `${t} orang (${on} luring, ${off} daring)`,
    acknowledged: 'Mengetahui,',
  },
  ch1: {
    heading: 'BAB I PENDAHULUAN',
    background: 'A. Latar Belakang',
    backgroundDefault: (title, org) =>
      `Kegiatan “${title}” diselenggarakan oleh ${org} sebagai wadah berbagi pengetahuan dan pengalaman bagi peserta.`,
    goals: 'B. Tujuan',
    goalsDefault: (topic) =>
      `Memberikan pengetahuan dan wawasan kepada peserta mengenai ${topic}, serta membuka ruang diskusi antara peserta dan narasumber.`,
    theme: 'C. Tema',
    organizers: 'D. Penyelenggara dan Mitra',
    organizerItem: (o) => `Penyelenggara: ${o}`,
    partnerItem: (p) => `Mitra: ${p}`,
  },
  ch2: {
    heading: 'BAB II PELAKSANAAN',
    timePlace: 'A. Waktu dan Tempat',
    day: 'Hari, tanggal',
    time: 'Waktu',
    venue: 'Tempat (luring)',
    onlineRoom: 'Ruang daring',
    link: 'Tautan',
    stream: 'Siaran',
    rundown: 'B. Susunan Acara',
    rundownHead: ['Waktu', 'Acara', 'Pengisi'],
    online: 'daring',
    people: 'C. Narasumber, Moderator dan Pengisi Acara',
    peopleHead: ['Nama', 'Peran', 'Jabatan/Instansi', 'Kehadiran'],
    participants: 'D. Peserta',
    participantsHead: ['', 'Luring', 'Daring', 'Jumlah'],
    registered: 'Terdaftar (terkonfirmasi)',
    present: 'Hadir',
    waitlisted: 'Daftar tunggu',
    cancelled: 'Batal',
    roleCount: (l, n) => `${l}: ${n} orang`,
    byInstitution: 'Peserta hadir menurut instansi:',
    institutionHead: ['Instansi', 'Luring', 'Daring'],
    notGiven: '(tidak diisi)',
  },
  ch3: {
    heading: 'BAB III HASIL DAN EVALUASI',
    qa: 'Tanya Jawab',
    qaSentence: (t, on, off, a) =>
      `Terdapat ${t} pertanyaan dari audiens: ${on} dari peserta luring dan ${off} dari peserta daring. Sebanyak ${a} pertanyaan dijawab oleh narasumber.`,
    questionsHead: ['No', 'Pertanyaan', 'Asal', 'Ditujukan kepada', 'Status'],
    answered: 'dijawab',
    notAnswered: 'belum',
    polls: 'Jajak Pendapat',
    voters: (n) => `${n} pemilih`,
    openVoting:
      'Pemungutan suara dibuka untuk umum (partisipasi terbuka): suara tanpa tiket ikut dihitung, satu per peramban.',
    evaluation: 'Hasil Evaluasi',
    noEvaluation: 'Belum ada evaluasi yang masuk.',
    evaluationSentence: (n) =>
      `Evaluasi diisi oleh ${n} peserta. Nilai 1 (sangat tidak setuju) sampai 5 (sangat setuju).`,
    evaluationHead: ['Aspek', 'Rata-rata', 'n', '1/2/3/4/5'],
    obstacles: 'Hambatan',
    obstaclesDefault: 'Tidak ada hambatan berarti yang dicatat panitia.',
  },
  ch4: {
    heading: 'BAB IV PENUTUP',
    conclusion: 'A. Kesimpulan',
    conclusionDefault: (title, date, t, on, off, avg) =>
      `Kegiatan “${title}” telah terlaksana pada ${date} dan dihadiri ${t} peserta (${on} luring, ${off} daring).${avg ? ` Rata-rata penilaian peserta ${avg} dari 5.` : ''}`,
    suggestions: 'B. Saran',
    suggestionsDefault:
      'Kegiatan serupa dapat dilanjutkan dengan topik yang diusulkan peserta dalam evaluasi.',
  },
  appendix: {
    heading: 'LAMPIRAN',
    attendance: 'Daftar Hadir Peserta',
    attendanceHead: ['No', 'Nama', 'Instansi', 'Luring/Daring', 'Tanda tangan'],
    peopleList: 'Daftar Hadir Narasumber dan Panitia',
    peopleHead: ['No', 'Nama', 'Peran', 'Luring/Daring', 'Tanda tangan'],
    photos: 'Dokumentasi',
    noPhotos: 'Belum ada foto dokumentasi.',
    photoDefault: 'Dokumentasi kegiatan',
    certificates: 'Sertifikat yang Diterbitkan',
    certificatesHead: ['No', 'Nomor', 'Nama', 'Sebagai', 'Status'],
    valid: 'sah',
    revoked: 'dicabut',
    materials: 'Materi Narasumber',
    item: (n, label) => `Lampiran ${n}. ${label}`,
    news: { id: 'Draf Berita (Bahasa Indonesia)', en: 'Draf Berita (Bahasa Inggris)' },
  },
  mode: { onsite: 'Luring', online: 'Daring' },
  roles: {
    speaker: 'Narasumber',
    moderator: 'Moderator',
    mc: 'Pembawa acara',
    official: 'Pejabat (sambutan)',
    committee: 'Panitia',
  },
  kinds: {
    opening: 'Pembukaan',
    remarks: 'Sambutan',
    talk: 'Materi',
    video: 'Pemutaran video',
    qa: 'Tanya jawab',
    break: 'Jeda',
    closing: 'Penutupan',
    other: 'Lainnya',
  },
  platformOther: 'ruang daring',
};

const en: ReportText = {
  reportTitle: 'Activity Report',
  draft: 'Draft',
  finalStamp: (n, date) => `Final version ${n}, approved ${date}`,
  cover: {
    theme: (t) => `Theme: ${t}`,
    online: (p) => `online (${p})`,
    and: ' and ',
    organizedBy: 'Organized by',
    withPartners: (p) => `in cooperation with ${p}`,
  },
  approval: {
    heading: 'APPROVAL SHEET',
    name: 'Event',
    theme: 'Theme',
    organizer: 'Organizer',
    partners: 'Partners',
    time: 'Time',
    place: 'Place',
    onlineVia: (p) => `online via ${p}`,
    attended: 'Participants present',
    attendedValue: (t, on, off) => `${t} people (${on} in the hall, ${off} online)`,
    acknowledged: 'Acknowledged by,',
  },
  ch1: {
    heading: 'CHAPTER I INTRODUCTION',
    background: 'A. Background',
    backgroundDefault: (title, org) =>
      `The event “${title}” was organized by ${org} as a place for participants to share knowledge and experience.`,
    goals: 'B. Goals',
    goalsDefault: (topic) =>
      `To give participants knowledge and insight about ${topic}, and to open a discussion between participants and speakers.`,
    theme: 'C. Theme',
    organizers: 'D. Organizer and Partners',
    organizerItem: (o) => `Organizer: ${o}`,
    partnerItem: (p) => `Partner: ${p}`,
  },
  ch2: {
    heading: 'CHAPTER II IMPLEMENTATION',
    timePlace: 'A. Time and Place',
    day: 'Day, date',
    time: 'Time',
    venue: 'Venue (in person)',
    onlineRoom: 'Online room',
    link: 'Link',
    stream: 'Stream',
    rundown: 'B. Programme',
    rundownHead: ['Time', 'Item', 'With'],
    online: 'online',
    people: 'C. Speakers, Moderator and Hosts',
    peopleHead: ['Name', 'Role', 'Position/Institution', 'Presence'],
    participants: 'D. Participants',
    participantsHead: ['', 'In the hall', 'Online', 'Total'],
    registered: 'Registered (confirmed)',
    present: 'Present',
    waitlisted: 'Waiting list',
    cancelled: 'Cancelled',
    roleCount: (l, n) => `${l}: ${n} ${n === 1 ? 'person' : 'people'}`,
    byInstitution: 'Participants present by institution:',
    institutionHead: ['Institution', 'In the hall', 'Online'],
    notGiven: '(not given)',
  },
  ch3: {
    heading: 'CHAPTER III RESULTS AND EVALUATION',
    qa: 'Questions and Answers',
    qaSentence: (t, on, off, a) =>
      `The audience asked ${t} questions: ${on} from the hall and ${off} online. The speakers answered ${a} of them.`,
    questionsHead: ['No', 'Question', 'From', 'Addressed to', 'Status'],
    answered: 'answered',
    notAnswered: 'not yet',
    polls: 'Polls',
    voters: (n) => `${n} ${n === 1 ? 'voter' : 'voters'}`,
    openVoting:
      'Voting was open to everyone (open participation): votes without a ticket counted, one per browser.',
    evaluation: 'Evaluation Results',
    noEvaluation: 'No evaluation has come in yet.',
    evaluationSentence: (n) =>
      `${n} participants filled in the evaluation. Scores from 1 (strongly disagree) to 5 (strongly agree).`,
    evaluationHead: ['Aspect', 'Average', 'n', '1/2/3/4/5'],
    obstacles: 'Obstacles',
    obstaclesDefault: 'The committee recorded no notable obstacles.',
  },
  ch4: {
    heading: 'CHAPTER IV CLOSING',
    conclusion: 'A. Conclusion',
    conclusionDefault: (title, date, t, on, off, avg) =>
      `The event “${title}” took place on ${date} with ${t} participants present (${on} in the hall, ${off} online).${avg ? ` Participants rated it ${avg} out of 5 on average.` : ''}`,
    suggestions: 'B. Suggestions',
    suggestionsDefault: 'Similar events can follow, on the topics participants proposed in the evaluation.',
  },
  appendix: {
    heading: 'APPENDICES',
    attendance: 'Attendance List of Participants',
    attendanceHead: ['No', 'Name', 'Institution', 'Hall/Online', 'Signature'],
    peopleList: 'Attendance List of Speakers and Committee',
    peopleHead: ['No', 'Name', 'Role', 'Hall/Online', 'Signature'],
    photos: 'Documentation',
    noPhotos: 'No documentation photos yet.',
    photoDefault: 'Event documentation',
    certificates: 'Certificates Issued',
    certificatesHead: ['No', 'Number', 'Name', 'As', 'Status'],
    valid: 'valid',
    revoked: 'revoked',
    materials: 'Speakers’ Materials',
    item: (n, label) => `Appendix ${n}. ${label}`,
    news: { id: 'News Article Draft (Indonesian)', en: 'News Article Draft (English)' },
  },
  mode: { onsite: 'In the hall', online: 'Online' },
  roles: {
    speaker: 'Speaker',
    moderator: 'Moderator',
    mc: 'Master of ceremonies',
    official: 'Official (remarks)',
    committee: 'Committee',
  },
  kinds: {
    opening: 'Opening',
    remarks: 'Remarks',
    talk: 'Talk',
    video: 'Video',
    qa: 'Questions and answers',
    break: 'Break',
    closing: 'Closing',
    other: 'Other',
  },
  platformOther: 'online room',
};

export const REPORT_TEXT: Record<Locale, ReportText> = { id, en };

/**
 * A number as the language writes it: Indonesian "4,50" and "1.250", English "4.50" and "1,250".
 * Fixed digits, so a table's column lines up.
 */
export const formatNumber = (n: number, lang: 'id' | 'en', digits = 0) =>
  new Intl.NumberFormat(lang === 'id' ? 'id-ID' : 'en-US', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(n);
