import { formatDate } from '../../shared/time.js';
import { berita } from './reports.berita.js';
import type { ReportData } from './reports.data.js';

/** A format-neutral report: Markdown, HTML, DOCX and PDF are four renderings of the same blocks. */
export type Block =
  | { t: 'cover'; lines: { text: string; size: 'xl' | 'l' | 'm' | 's'; bold?: boolean }[] }
  | { t: 'h1'; text: string }
  | { t: 'h2'; text: string }
  | { t: 'p'; text: string }
  | { t: 'kv'; rows: [string, string][] }
  | { t: 'table'; head: string[]; rows: string[][]; widths: number[] }
  | { t: 'list'; items: string[] }
  | { t: 'image'; path: string; caption: string; width: number | null; height: number | null }
  | { t: 'signatures'; place: string; slots: { label: string; name: string; idNumber: string }[] }
  | { t: 'pagebreak' };

const ROLE_ID: Record<string, string> = {
  speaker: 'Narasumber',
  moderator: 'Moderator',
  mc: 'Pembawa acara',
  official: 'Pejabat/sambutan',
  committee: 'Panitia',
};
const KIND_ID: Record<string, string> = {
  opening: 'Pembukaan',
  remarks: 'Sambutan',
  talk: 'Materi',
  video: 'Pemutaran video',
  qa: 'Tanya jawab',
  break: 'Jeda',
  closing: 'Penutupan',
  other: 'Lainnya',
};
const mode = (m: 'onsite' | 'online') => (m === 'onsite' ? 'Luring' : 'Daring');

export function buildReport(d: ReportData): Block[] {
  const e = d.event;
  const n = d.narrative;
  const st = d.stats;
  const b: Block[] = [];
  const partners = d.partners.map((p) => p.name);
  const organizer = d.org?.name ?? 'Panitia';
  const year = formatDate(e.starts_at, e.timezone, 'id').split(' ').pop() ?? '';

  b.push({
    t: 'cover',
    lines: [
      { text: 'LAPORAN KEGIATAN', size: 'xl', bold: true },
      { text: e.title, size: 'l', bold: true },
      ...(e.theme ? [{ text: `Tema: ${e.theme}`, size: 'm' as const }] : []),
      { text: d.date, size: 'm' },
      {
        text: [d.venue, d.online ? `daring (${d.online.platform})` : null].filter(Boolean).join(' dan '),
        size: 's',
      },
      { text: 'Diselenggarakan oleh', size: 's' },
      { text: organizer, size: 'm', bold: true },
      ...(partners.length
        ? [{ text: `bekerja sama dengan ${partners.join(', ')}`, size: 's' as const }]
        : []),
      { text: year, size: 'm', bold: true },
    ],
  });
  b.push({ t: 'pagebreak' });

  b.push({ t: 'h1', text: 'LEMBAR PENGESAHAN' });
  b.push({
    t: 'kv',
    rows: [
      ['Nama kegiatan', e.title],
      ['Tema', e.theme ?? '-'],
      ['Penyelenggara', organizer],
      ['Mitra', partners.join(', ') || '-'],
      ['Waktu', `${d.date}, ${d.timeRange}`],
      [
        'Tempat',
        [d.venue, d.online ? `daring melalui ${d.online.platform}` : null].filter(Boolean).join('; ') || '-',
      ],
      [
        'Jumlah peserta hadir',
        `${st.attendance.total} orang (${st.attendance.onsite} luring, ${st.attendance.online} daring)`,
      ],
    ],
  });
  b.push({
    t: 'signatures',
    place: `${e.venue_address?.split(',').pop()?.trim() || ''}${e.venue_address ? ', ' : ''}${'.'.repeat(24)}`,
    slots: n.approvals,
  });
  b.push({ t: 'pagebreak' });

  b.push({ t: 'h1', text: 'BAB I PENDAHULUAN' });
  b.push({ t: 'h2', text: 'A. Latar Belakang' });
  b.push({
    t: 'p',
    text:
      n.background ||
      e.description ||
      e.summary ||
      `Kegiatan “${e.title}” diselenggarakan oleh ${organizer} sebagai wadah berbagi pengetahuan dan pengalaman bagi peserta.`,
  });
  b.push({ t: 'h2', text: 'B. Tujuan' });
  b.push({
    t: 'p',
    text:
      n.goals ||
      `Memberikan pengetahuan dan wawasan kepada peserta mengenai ${e.theme ?? e.title}, serta membuka ruang diskusi antara peserta dan narasumber.`,
  });
  b.push({ t: 'h2', text: 'C. Tema' });
  b.push({ t: 'p', text: e.theme ?? e.title });
  b.push({ t: 'h2', text: 'D. Penyelenggara dan Mitra' });
  b.push({ t: 'list', items: [`Penyelenggara: ${organizer}`, ...partners.map((p) => `Mitra: ${p}`)] });

  b.push({ t: 'h1', text: 'BAB II PELAKSANAAN' });
  b.push({ t: 'h2', text: 'A. Waktu dan Tempat' });
  const rows: [string, string][] = [
    ['Hari, tanggal', d.date],
    ['Waktu', d.timeRange],
  ];
  if (d.venue) rows.push(['Tempat (luring)', d.venue]);
  if (d.online) {
    rows.push(['Ruang daring', d.online.platform]);
    if (d.online.joinUrl) rows.push(['Tautan', d.online.joinUrl]);
    if (d.online.streamUrl) rows.push(['Siaran', d.online.streamUrl]);
  }
  b.push({ t: 'kv', rows });
  b.push({ t: 'h2', text: 'B. Susunan Acara' });
  b.push({
    t: 'table',
    head: ['Waktu', 'Acara', 'Pengisi'],
    widths: [22, 43, 35],
    rows: d.agenda.map((a) => [
      a.time,
      `${a.title}${a.kind !== 'other' ? ` (${KIND_ID[a.kind] ?? a.kind})` : ''}`,
      a.people.map((p) => `${p.name}${p.presence === 'online' ? ' (daring)' : ''}`).join('; '),
    ]),
  });
  b.push({ t: 'h2', text: 'C. Narasumber, Moderator dan Pengisi Acara' });
  b.push({
    t: 'table',
    head: ['Nama', 'Peran', 'Jabatan/Instansi', 'Kehadiran'],
    widths: [32, 16, 37, 15],
    rows: d.people
      .filter((p) => p.role !== 'committee')
      .map((p) => [
        p.name,
        ROLE_ID[p.role] ?? p.role,
        [p.position, p.institution].filter(Boolean).join(', '),
        mode(p.presence),
      ]),
  });
  b.push({ t: 'h2', text: 'D. Peserta' });
  b.push({
    t: 'table',
    head: ['', 'Luring', 'Daring', 'Jumlah'],
    widths: [40, 20, 20, 20],
    rows: [
      [
        'Terdaftar (terkonfirmasi)',
        String(st.registrations.onsite),
        String(st.registrations.online),
        String(st.registrations.onsite + st.registrations.online),
      ],
      ['Hadir', String(st.attendance.onsite), String(st.attendance.online), String(st.attendance.total)],
      ['Daftar tunggu', '', '', String(st.registrations.waitlisted)],
      ['Batal', '', '', String(st.registrations.cancelled)],
    ],
  });
  const roleCounts = Object.entries(ROLE_ID)
    .map(([r, label]) => [label, d.people.filter((p) => p.role === r).length] as const)
    .filter(([, c]) => c > 0)
    .map(([label, c]) => `${label}: ${c} orang`);
  if (roleCounts.length) b.push({ t: 'list', items: roleCounts });
  if (d.byInstitution.length) {
    b.push({ t: 'p', text: 'Peserta hadir menurut instansi:' });
    b.push({
      t: 'table',
      head: ['Instansi', 'Luring', 'Daring'],
      widths: [60, 20, 20],
      rows: d.byInstitution.slice(0, 25).map((r) => [r.institution, String(r.onsite), String(r.online)]),
    });
  }

  b.push({ t: 'h1', text: 'BAB III HASIL DAN EVALUASI' });
  b.push({ t: 'h2', text: 'A. Tanya Jawab' });
  b.push({
    t: 'p',
    text: `Terdapat ${st.questions.total} pertanyaan dari audiens: ${st.questions.onsite} dari peserta luring dan ${st.questions.online} dari peserta daring. Sebanyak ${st.questions.answered} pertanyaan dijawab oleh narasumber.`,
  });
  if (d.questions.length) {
    b.push({
      t: 'table',
      head: ['No', 'Pertanyaan', 'Asal', 'Ditujukan kepada', 'Status'],
      widths: [6, 50, 12, 20, 12],
      rows: d.questions.map((q, i) => [
        String(i + 1),
        `${q.text}${q.author ? ` — ${q.author}` : ''}`,
        mode(q.origin),
        q.speaker ?? '-',
        q.answered ? 'dijawab' : 'belum',
      ]),
    });
  }
  if (d.polls.length) {
    b.push({ t: 'h2', text: 'B. Jajak Pendapat' });
    for (const p of d.polls) {
      b.push({ t: 'p', text: `${p.question} (${p.voters} pemilih)` });
      b.push({ t: 'list', items: p.options.map((o) => `${o.label}: ${o.votes}`) });
    }
  }
  b.push({ t: 'h2', text: `${d.polls.length ? 'C' : 'B'}. Hasil Evaluasi` });
  const ev = d.evaluation;
  if (!ev.responses) b.push({ t: 'p', text: 'Belum ada evaluasi yang masuk.' });
  else {
    b.push({
      t: 'p',
      text: `Evaluasi diisi oleh ${ev.responses} peserta. Nilai 1 (sangat tidak setuju) sampai 5 (sangat setuju).`,
    });
    const likert = ev.questions.filter((q) => q.kind === 'likert');
    b.push({
      t: 'table',
      head: ['Aspek', 'Rata-rata', 'n', '1/2/3/4/5'],
      widths: [52, 14, 10, 24],
      rows: likert.map((q) => [
        q.label,
        q.average?.toFixed(2) ?? '-',
        String(q.answered),
        q.distribution?.join('/') ?? '',
      ]),
    });
    for (const q of ev.questions.filter((x) => x.kind === 'choice')) {
      b.push({ t: 'p', text: q.label });
      b.push({ t: 'list', items: (q.options ?? []).map((o) => `${o.label}: ${o.count}`) });
    }
    for (const q of ev.questions.filter((x) => x.kind === 'text' && x.comments?.length)) {
      b.push({ t: 'p', text: `${q.label}:` });
      b.push({ t: 'list', items: q.comments!.slice(0, 30) });
    }
  }
  b.push({ t: 'h2', text: `${d.polls.length ? 'D' : 'C'}. Hambatan` });
  b.push({ t: 'p', text: n.obstacles || 'Tidak ada hambatan berarti yang dicatat panitia.' });

  b.push({ t: 'h1', text: 'BAB IV PENUTUP' });
  b.push({ t: 'h2', text: 'A. Kesimpulan' });
  b.push({
    t: 'p',
    text:
      n.conclusion ||
      `Kegiatan “${e.title}” telah terlaksana pada ${d.date} dan dihadiri ${st.attendance.total} peserta (${st.attendance.onsite} luring, ${st.attendance.online} daring).${ev.responses ? ` Rata-rata penilaian peserta ${avg(ev)} dari 5.` : ''}`,
  });
  b.push({ t: 'h2', text: 'B. Saran' });
  b.push({
    t: 'p',
    text:
      n.suggestions ||
      'Kegiatan serupa dapat dilanjutkan dengan topik yang diusulkan peserta dalam evaluasi.',
  });

  b.push({ t: 'pagebreak' });
  b.push({ t: 'h1', text: 'LAMPIRAN' });
  b.push({ t: 'h2', text: 'Lampiran 1. Daftar Hadir Peserta' });
  b.push({
    t: 'table',
    head: ['No', 'Nama', 'Instansi', 'Luring/Daring', 'Tanda tangan'],
    widths: [6, 34, 30, 14, 16],
    rows: d.attendees.map((a, i) => [String(i + 1), a.name, a.institution ?? '', mode(a.mode), '']),
  });
  b.push({ t: 'h2', text: 'Lampiran 2. Daftar Hadir Narasumber dan Panitia' });
  b.push({
    t: 'table',
    head: ['No', 'Nama', 'Peran', 'Luring/Daring', 'Tanda tangan'],
    widths: [6, 40, 24, 14, 16],
    rows: d.people.map((p, i) => [String(i + 1), p.name, ROLE_ID[p.role] ?? p.role, mode(p.presence), '']),
  });
  b.push({ t: 'h2', text: 'Lampiran 3. Dokumentasi' });
  if (!d.photos.length) b.push({ t: 'p', text: 'Belum ada foto dokumentasi.' });
  for (const p of d.photos) {
    b.push({
      t: 'image',
      path: p.thumbPath ?? p.path,
      caption:
        [p.caption, p.agendaTitle ? `(${p.agendaTitle})` : null].filter(Boolean).join(' ') ||
        'Dokumentasi kegiatan',
      width: p.width,
      height: p.height,
    });
  }
  b.push({ t: 'h2', text: 'Lampiran 4. Sertifikat yang Diterbitkan' });
  b.push({
    t: 'table',
    head: ['No', 'Nomor', 'Nama', 'Sebagai', 'Status'],
    widths: [6, 28, 36, 18, 12],
    rows: d.certificates.map((c, i) => [String(i + 1), c.number, c.name, c.role, c.status]),
  });
  if (d.materials.length) {
    b.push({ t: 'h2', text: 'Lampiran 5. Materi Narasumber' });
    b.push({ t: 'list', items: d.materials.map((m) => m.caption ?? m.path) });
  }
  for (const [label, lang] of [
    ['Draf Berita (Bahasa Indonesia)', 'id'],
    ['News Article Draft (English)', 'en'],
  ] as const) {
    const a = berita(d, lang);
    b.push({
      t: 'h2',
      text: `${d.materials.length ? 'Lampiran' : 'Lampiran'} ${lang === 'id' ? (d.materials.length ? 6 : 5) : d.materials.length ? 7 : 6}. ${label}`,
    });
    b.push({ t: 'p', text: a.title });
    for (const p of a.paragraphs) b.push({ t: 'p', text: p });
  }
  return b;
}

function avg(ev: ReportData['evaluation']): string {
  const xs = ev.questions.filter((q) => q.average != null).map((q) => q.average!);
  return xs.length ? (xs.reduce((a, x) => a + x, 0) / xs.length).toFixed(2) : '-';
}
