/**
 * What happened at the seed seminar, as data: who came (52 in the hall on distanced seats, 47 online),
 * the five questions from both sides, the evaluations and the organizer's narrative. The participants'
 * names are invented (the report names only the officials and speakers); every number matches the seed.
 */

const FIRST = [
  'Siti',
  'Ahmad',
  'Dewi',
  'Budi',
  'Rina',
  'Agus',
  'Sri',
  'Eko',
  'Nur',
  'Hendra',
  'Yuliana',
  'Fajar',
  'Lestari',
  'Wahyu',
  'Indah',
  'Rudi',
  'Ratna',
  'Bambang',
  'Fitri',
  'Slamet',
  'Wulan',
  'Joko',
  'Anisa',
  'Teguh',
  'Maya',
  'Imron',
  'Diah',
  'Hadi',
  'Ayu',
  'Sugeng',
];
const LAST = [
  'Rahmawati',
  'Hidayat',
  'Lestari',
  'Santoso',
  'Wijaya',
  'Susanto',
  'Handayani',
  'Prasetyo',
  'Aini',
  'Saputra',
  'Kurniawan',
  'Wulandari',
  'Setiawan',
  'Fauziah',
  'Nugroho',
  'Maharani',
];
const INSTITUTIONS = [
  'UMKM Batik Kanigaran',
  'UMKM Olahan Mangga Probolinggo',
  'Kelompok Usaha Bersama Kanigaran',
  'Koperasi Wanita Sejahtera',
  'Mahasiswa Administrasi Publik UPM',
  'UMKM Kerupuk Ikan Mayangan',
  'Kelurahan Kanigaran',
  'Karang Taruna Kanigaran',
  'UMKM Anggur Probolinggo',
  'PKK Kelurahan Kanigaran',
  'UMKM Kopi Tiris',
];

interface DemoParticipant {
  key: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  institution: string;
  mode: 'onsite' | 'online';
  /** Checked in at the door (hall) or joined the meeting (online). */
  present: boolean;
}

/**
 * 55 registered for the hall (52 came) and 52 online (47 joined). A few carry titles, typed apart from the
 * name, so the lists show that sorting ignores them.
 */
export function demoParticipants(): DemoParticipant[] {
  const out: DemoParticipant[] = [];
  const titles: Record<number, [string | null, string | null]> = {
    3: ['Dr.', 'M.Si.'],
    11: [null, 'S.E.'],
    20: ['H.', 'S.Pd.'],
    34: [null, 'S.Kom.'],
    58: ['Dra.', null],
    71: [null, 'A.Md.'],
  };
  for (let i = 0; i < 107; i++) {
    const online = i >= 55;
    const k = online ? i - 55 : i;
    const [front, back] = titles[i] ?? [null, null];
    out.push({
      key: `p${String(i + 1).padStart(3, '0')}`,
      front_titles: front,
      name: `${FIRST[(i * 7) % FIRST.length]} ${LAST[(i * 5 + Math.floor(i / 16)) % LAST.length]}`,
      back_titles: back,
      institution: INSTITUTIONS[(i * 3) % INSTITUTIONS.length]!,
      mode: online ? 'online' : 'onsite',
      present: online ? k < 47 : k < 52,
    });
  }
  return out;
}

/** The five questions: three from the hall, two from the chat, each to the speaker who answered it. */
export const DEMO_QUESTIONS: { by: number; channel: 'onsite' | 'online'; to: string; text: string }[] = [
  {
    by: 4,
    channel: 'onsite',
    to: 'choirul',
    text: 'Bagaimana cara mendapatkan kartu UMKM dan apakah potongan ongkos kirim 10% berlaku untuk semua kurir?',
  },
  {
    by: 57,
    channel: 'online',
    to: 'munawar',
    text: 'Inovasi seperti apa yang bisa dilakukan usaha kecil dengan modal terbatas?',
  },
  {
    by: 12,
    channel: 'onsite',
    to: 'heri',
    text: 'Di mana pelaku usaha bisa belajar pemasaran digital secara gratis di Kota Probolinggo?',
  },
  {
    by: 63,
    channel: 'online',
    to: 'andi',
    text: 'Apa tantangan terbesar UMKM setelah pandemi menurut penelitian dosen Administrasi Publik?',
  },
  {
    by: 25,
    channel: 'onsite',
    to: 'choirul',
    text: 'Bagaimana desa atau kelurahan menentukan produk unggulan One Village One Product?',
  },
];

export const DEMO_COMMENTS = [
  'Materi sangat bermanfaat, mohon diadakan pelatihan pemasaran digital lanjutan.',
  'Suara dari aula kadang kurang jelas bagi peserta daring.',
  'Semoga ada pendampingan pendaftaran kartu UMKM.',
  'Waktu tanya jawab perlu ditambah.',
  'Terima kasih, acaranya tertib dan tepat waktu.',
];

export const DEMO_NARRATIVE = {
  background:
    'Pandemi Covid-19 menekan usaha mikro, kecil dan menengah (UMKM) di Kota Probolinggo: penjualan turun, biaya pengiriman naik, dan banyak pelaku usaha belum memasarkan produknya secara digital.\n\nProgram Studi Administrasi Publik FISIP Universitas Panca Marga bersama Kelurahan Kanigaran dan Lembaga Pengabdian Masyarakat Kota Probolinggo menyelenggarakan seminar hibrida sebagai bagian dari pengabdian kepada masyarakat, agar pelaku UMKM mendapat informasi kebijakan pemerintah dan contoh nyata untuk bertahan.',
  goals:
    'Kegiatan ini bertujuan:\n1. Menyampaikan peran dan upaya pemerintah pusat dan daerah dalam menggerakkan kembali perekonomian di sektor UMKM, termasuk kartu UMKM dan One Village One Product.\n2. Memperkenalkan inovasi dan daya saing sebagai kunci bertahan di tengah pandemi.\n3. Mendorong pelaku usaha memanfaatkan pemasaran digital.\n4. Membuka ruang diskusi antara pelaku UMKM, pemerintah dan perguruan tinggi.',
  obstacles:
    'Suara dari aula sempat kurang jelas bagi peserta daring pada sesi pertama dan diperbaiki dengan mikrofon tambahan.\nKursi aula diatur berjarak (satu kursi kosong di antara peserta) sesuai protokol kesehatan, sehingga sebagian pendaftar diarahkan mengikuti secara daring.',
  conclusion: '',
  suggestions:
    '1. Mengadakan pelatihan lanjutan pemasaran digital bagi UMKM.\n2. Menambah waktu tanya jawab.\n3. Menyediakan pendampingan pendaftaran kartu UMKM bersama DKUPP Kota Probolinggo.',
  approvals: [
    {
      label: 'Dekan Fakultas Ilmu Sosial dan Ilmu Politik',
      name: 'Imam Sucahyo, M.AP',
      // Placeholder numbers: the real ones are not public and not ours to print.
      idNumber: '0000000000',
      idLabel: 'NIDN' as const,
    },
    {
      label: 'Ketua Pelaksana',
      name: 'Andi Nur Rahmadi, S.IP., M.IP.',
      idNumber: '0000000001',
      idLabel: 'NIDN' as const,
    },
  ],
  healthProtocol: true,
};

/** The next webinar of the series: online, open for registration, weeks ahead of whenever the demo loads. */
export const NEXT_WEBINAR = {
  slug: 'webinar-pemasaran-digital-umkm',
  title: 'Webinar: Pemasaran Digital bagi UMKM Kota Probolinggo',
  theme: 'Dari kartu UMKM ke toko daring: langkah pertama berjualan lewat internet',
  summary:
    'Webinar lanjutan seminar UMKM Kanigaran: praktik pemasaran digital bagi pelaku usaha mikro dan kecil, daring lewat Zoom.',
  description:
    'Menindaklanjuti saran peserta seminar hibrida di Aula Kelurahan Kanigaran, Program Studi Administrasi Publik FISIP Universitas Panca Marga mengadakan webinar tentang pemasaran digital bagi UMKM.\n\nPeserta mendaftar di halaman ini, menerima tiket dan tautan pribadi, mengisi evaluasi, lalu mengunduh sertifikat.',
  people: ['heri', 'andi'] as const,
};
