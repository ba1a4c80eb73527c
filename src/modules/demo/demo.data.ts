/**
 * The founding seminar (shared/seeds/000_043a4fac9affb117.txt), as data. Names, titles and positions
 * are written exactly as in the report; times are plausible, the report gives only the day.
 */
export const DEMO_SLUG = 'seminar-umkm-kanigaran-2021';
export const DEMO_TZ = 'Asia/Jakarta';
const day = '2021-12-30';
export const at = (hhmm: string) => Date.parse(`${day}T${hhmm}:00+07:00`);

export const DEMO_ORGS = {
  owner: {
    slug: 'administrasi-publik-upm',
    name: 'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga',
    short_name: 'Prodi Administrasi Publik FISIP UPM',
    description:
      'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga, Probolinggo.',
  },
  partners: [
    {
      slug: 'kelurahan-kanigaran',
      name: 'Kelurahan Kanigaran',
      short_name: null,
      description: 'Kelurahan Kanigaran, Kota Probolinggo.',
    },
    {
      slug: 'lpm-kota-probolinggo',
      name: 'Lembaga Pengabdian Masyarakat Kota Probolinggo',
      short_name: 'LPM Kota Probolinggo',
      description: null,
    },
  ],
} as const;

/** Placeholder logos (the real ones are not ours to ship): initials on a coloured shape, by slug. */
export const DEMO_LOGOS = {
  'administrasi-publik-upm': { initials: 'AP', colour: '#0f766e', shape: 'rounded' },
  'kelurahan-kanigaran': { initials: 'KK', colour: '#b45309', shape: 'hexagon' },
  'lpm-kota-probolinggo': { initials: 'LPM', colour: '#4338ca', shape: 'circle' },
} as const;

export const DEMO_BANNER_LINE = 'Kamis, 30 Desember 2021 · Aula Kelurahan Kanigaran dan daring';
export const DEMO_BANNER_TAG = 'Aula · acara contoh / demo event';

export const DEMO_EVENT = {
  title:
    'Seminar Hybrid (Tatap Muka dan Daring): Strategi Pemulihan Perekonomian UMKM di Tengah Pandemi Covid-19',
  theme: 'Strategi Pemulihan Mikro Kecil dan Menengah di Tengah Pandemi',
  summary:
    'Seminar hibrida bagi pelaku usaha mikro, kecil dan menengah di Kota Probolinggo: di Aula Kelurahan Kanigaran dan lewat konferensi video.',
  description:
    'Program Studi Administrasi Publik, Fakultas Ilmu Sosial dan Ilmu Politik, Universitas Panca Marga bekerja sama dengan Kelurahan Kanigaran dan Lembaga Pengabdian Masyarakat Kota Probolinggo mengadakan seminar hibrida (tatap muka dan daring) tentang strategi pemulihan usaha mikro, kecil dan menengah di tengah pandemi Covid-19.\n\nEmpat narasumber berbagi pengetahuan: peran pemerintah pusat dan daerah (kartu UMKM, One Village One Product), inovasi dan daya saing, keberanian melewati batasan usaha lewat pemasaran digital, serta gambaran umum tantangan usaha. Peserta di aula mengikuti protokol kesehatan dengan jarak antarkursi.',
  starts_at: at('09:00'),
  ends_at: at('12:15'),
  venue_name: 'Aula Kelurahan Kanigaran',
  venue_address: 'Kelurahan Kanigaran, Kota Probolinggo, Jawa Timur',
  venue_capacity: 52,
  online_platform: 'zoom',
  online_join_url: 'https://zoom.us/j/1234567890',
  series: 'Seminar UMKM Administrasi Publik UPM',
  city: 'Kota Probolinggo',
} as const;

type Person = {
  key: string;
  front_titles: string | null;
  name: string;
  back_titles: string | null;
  position: string | null;
  institution: string | null;
  role: 'official' | 'speaker';
  presence: 'onsite' | 'online';
};

export const DEMO_PEOPLE: Person[] = [
  {
    key: 'lurah',
    front_titles: null,
    name: 'Dwi Arianto',
    back_titles: 'S.Sos., M.M.',
    position: 'Lurah Kanigaran',
    institution: 'Kelurahan Kanigaran, Kota Probolinggo',
    role: 'official',
    presence: 'onsite',
  },
  {
    key: 'dekan',
    front_titles: null,
    name: 'Imam Sucahyo',
    back_titles: 'M.AP',
    position: 'Dekan Fakultas Ilmu Sosial dan Ilmu Politik',
    institution: 'Universitas Panca Marga',
    role: 'official',
    presence: 'online',
  },
  {
    key: 'choirul',
    front_titles: null,
    name: 'Choirul Arifin',
    back_titles: 'S.St.Pi., M.M',
    position: 'Kasi Pengembangan Usaha Mikro DKUPP Kota Probolinggo',
    institution: null,
    role: 'speaker',
    presence: 'onsite',
  },
  {
    key: 'munawar',
    front_titles: null,
    name: 'Munawar Hasyim',
    back_titles: 'S.E.',
    position: 'Motivator kewirausahaan, pelaku UMKM',
    institution: null,
    role: 'speaker',
    presence: 'onsite',
  },
  {
    key: 'heri',
    front_titles: null,
    name: 'Heri Sutanto',
    back_titles: null,
    position: 'Ketua Lembaga Pengabdian Masyarakat Kota Probolinggo',
    institution: null,
    role: 'speaker',
    presence: 'onsite',
  },
  {
    key: 'andi',
    front_titles: null,
    name: 'Andi Nur Rahmadi',
    back_titles: 'S.IP., M.IP.',
    position: 'Dosen Program Studi Administrasi Publik',
    institution: 'Universitas Panca Marga',
    role: 'speaker',
    presence: 'onsite',
  },
];

export const DEMO_AGENDA: {
  from: string;
  to: string;
  kind: 'opening' | 'remarks' | 'talk' | 'video' | 'qa' | 'closing';
  title: string;
  people: string[];
  notes?: string;
}[] = [
  { from: '09:00', to: '09:10', kind: 'opening', title: 'Pembukaan', people: [] },
  { from: '09:10', to: '09:20', kind: 'remarks', title: 'Sambutan Lurah Kanigaran', people: ['lurah'] },
  {
    from: '09:20',
    to: '09:30',
    kind: 'remarks',
    title: 'Sambutan Dekan Fakultas Ilmu Sosial dan Ilmu Politik (lewat konferensi video)',
    people: ['dekan'],
  },
  {
    from: '09:30',
    to: '10:00',
    kind: 'talk',
    title: 'Pemateri 1: Peran pemerintah pusat dan daerah dalam menggerakkan kembali perekonomian UMKM',
    people: ['choirul'],
    notes:
      'Kartu UMKM: potongan biaya pengiriman 10% lewat Kantor Pos dan JNE; visi One Village One Product.',
  },
  {
    from: '10:00',
    to: '10:30',
    kind: 'talk',
    title: 'Pemateri 2: Inovasi dan daya saing sebagai kunci bertahan',
    people: ['munawar'],
  },
  {
    from: '10:30',
    to: '10:45',
    kind: 'talk',
    title: 'Pemateri 3: Tidak terbelenggu batasan usaha',
    people: ['heri'],
  },
  {
    from: '10:45',
    to: '11:00',
    kind: 'video',
    title: 'Pemutaran video: melewati masa sulit lewat pemasaran digital',
    people: ['heri'],
  },
  {
    from: '11:00',
    to: '11:30',
    kind: 'talk',
    title: 'Pemateri 4: Gambaran umum tantangan usaha',
    people: ['andi'],
  },
  {
    from: '11:30',
    to: '12:00',
    kind: 'qa',
    title: 'Sesi tanya jawab (peserta luring dan daring)',
    people: ['choirul', 'munawar', 'heri', 'andi'],
  },
  {
    from: '12:00',
    to: '12:15',
    kind: 'closing',
    title: 'Penutup: kutipan inspirasional dari para pemateri',
    people: ['choirul', 'munawar', 'heri', 'andi'],
    notes: 'Setiap pemateri memberikan kutipan inspirasional dan motivasional kepada seluruh audiens.',
  },
];
