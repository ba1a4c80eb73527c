import type { Locale } from '../../i18n/index.js';
import type { PersonLine, ReportData } from './reports.data.js';

const list = (items: string[], and: string) =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')}${items.length > 2 ? ',' : ''} ${and} ${items.at(-1)}`;

const ordinalsId = ['pertama', 'kedua', 'ketiga', 'keempat', 'kelima', 'keenam', 'ketujuh', 'kedelapan'];
const ordinalsEn = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
const countsId = [
  'nol',
  'satu',
  'dua',
  'tiga',
  'empat',
  'lima',
  'enam',
  'tujuh',
  'delapan',
  'sembilan',
  'sepuluh',
];
const countsEn = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten'];

function describe(p: PersonLine, locale: Locale): string {
  const what = [p.position, p.institution].filter(Boolean).join(locale === 'id' ? ' ' : ', ');
  if (!what) return p.name;
  return locale === 'id' ? `${p.name} selaku ${what}` : `${p.name}, ${what}`;
}

/**
 * The news article draft (berita), written from the data in the style of the seed report: who
 * organized it with whom, when and where, who opened it on site and online, who spoke on what,
 * how many attended in the hall and online, how many questions came from both sides, the closing.
 * The organizer edits it; it only states what Aula recorded.
 */
export function berita(d: ReportData, locale: Locale): { title: string; paragraphs: string[] } {
  const id = locale === 'id';
  const e = d.event;
  const hybrid = !!(d.venue && d.online);
  const kind = id
    ? hybrid
      ? 'seminar hibrida (tatap muka dan daring)'
      : d.online
        ? 'webinar'
        : 'seminar'
    : hybrid
      ? 'a hybrid seminar (in person and online)'
      : d.online
        ? 'a webinar'
        : 'a seminar';
  const orgName = d.org?.name ?? (id ? 'panitia' : 'the organizers');
  const partners = d.partners.map((p) => p.name);
  const paragraphs: string[] = [];

  const openerIds = new Set(
    d.agenda
      .filter((a) => a.kind === 'opening' || a.kind === 'remarks')
      .flatMap((a) => a.people.map((p) => p.name)),
  );
  const officials = d.people.filter((p) => p.role === 'official' || openerIds.has(p.name));
  const onsiteOpen = officials.filter((p) => p.presence === 'onsite').map((p) => describe(p, locale));
  const onlineOpen = officials.filter((p) => p.presence === 'online').map((p) => describe(p, locale));
  const day = id ? d.date.replace(/^(\S+), /, 'hari $1 tanggal ') : d.dateEn;
  let p1 = id
    ? `Pada ${day}, ${orgName}${partners.length ? ` bekerja sama dengan ${list(partners, 'dan')}` : ''} mengadakan ${kind} yang bertajuk “${e.title}”${e.theme ? ` dengan tema “${e.theme}”` : ''}.`
    : `On ${day}, ${orgName}${partners.length ? ` together with ${list(partners, 'and')}` : ''} held ${kind} entitled “${e.title}”${e.theme ? ` on the theme “${e.theme}”` : ''}.`;
  if (onsiteOpen.length || onlineOpen.length) {
    const parts: string[] = [];
    if (onsiteOpen.length)
      parts.push(
        id
          ? `${list(onsiteOpen, 'dan')} secara langsung di lokasi`
          : `${list(onsiteOpen, 'and')} in person at the venue`,
      );
    if (onlineOpen.length)
      parts.push(
        id
          ? `${list(onlineOpen, 'dan')} secara daring lewat video konferensi`
          : `${list(onlineOpen, 'and')} online by video conference`,
      );
    p1 += id
      ? ` Kegiatan ini dibuka dengan sambutan oleh ${parts.join(' dan ')}.`
      : ` It opened with remarks by ${parts.join(' and ')}.`;
  }
  paragraphs.push(p1);

  const speakers = d.people.filter((p) => p.role === 'speaker');
  const moderators = d.people.filter((p) => p.role === 'moderator');
  if (speakers.length) {
    const n = speakers.length;
    const count = id ? (countsId[n] ?? String(n)) : (countsEn[n] ?? String(n));
    const where = d.venue
      ? id
        ? `Bertempat di ${d.venue}, kegiatan`
        : `Held at ${d.venue}, the event`
      : id
        ? 'Kegiatan'
        : 'The event';
    paragraphs.push(
      id
        ? `${where} ini diisi oleh ${count} narasumber, yaitu ${list(
            speakers.map((s) => describe(s, locale)),
            'serta',
          )}${
            moderators.length
              ? `, dengan ${list(
                  moderators.map((m) => m.name),
                  'dan',
                )} sebagai moderator`
              : ''
          }.`
        : `${where} featured ${count} speaker${n > 1 ? 's' : ''}: ${list(
            speakers.map((s) => describe(s, locale)),
            'and',
          )}${
            moderators.length
              ? `, moderated by ${list(
                  moderators.map((m) => m.name),
                  'and',
                )}`
              : ''
          }.`,
    );
    let k = 0;
    for (const a of d.agenda.filter((x) => x.kind === 'talk')) {
      const who = a.people.map((p) => p.name);
      if (!who.length) continue;
      const ord = id ? ordinalsId[k] : ordinalsEn[k];
      k++;
      const online = a.people.every((p) => p.presence === 'online');
      let s = id
        ? `${list(who, 'dan')} selaku pemateri ${ord ?? k} menyampaikan materi “${a.title}”${online ? ' secara daring' : ''}.`
        : `${list(who, 'and')}, the ${ord ?? `#${k}`} speaker, presented “${a.title}”${online ? ' online' : ''}.`;
      if (a.notes) s += ` ${a.notes}`;
      paragraphs.push(s);
    }
  }

  const st = d.stats;
  if (st.attendance.total > 0) {
    paragraphs.push(
      id
        ? `Kegiatan ini diikuti oleh ${st.attendance.onsite} audiens yang hadir di lokasi${hybrid ? ' dengan mematuhi protokol kesehatan' : ''} dan ${st.attendance.online} lainnya yang hadir secara daring${d.online ? ` lewat ${d.online.platform}` : ''}, sehingga seluruhnya ${st.attendance.total} peserta.`
        : `${st.attendance.onsite} people attended in the hall and ${st.attendance.online} online${d.online ? ` via ${d.online.platformEn}` : ''}, ${st.attendance.total} participants in all.`,
    );
  }
  if (st.questions.total > 0) {
    paragraphs.push(
      id
        ? `Sesi tanya jawab menerima ${st.questions.total} pertanyaan dari audiens, ${st.questions.onsite} secara luring dan ${st.questions.online} secara daring; ${st.questions.answered} di antaranya ditanggapi langsung oleh narasumber sesuai bidang dan keahlian masing-masing.`
        : `The Q&A session received ${st.questions.total} questions from the audience, ${st.questions.onsite} from the hall and ${st.questions.online} online; the speakers answered ${st.questions.answered} of them.`,
    );
  }
  const closing = d.agenda.find((a) => a.kind === 'closing');
  if (closing?.notes) paragraphs.push(closing.notes);
  const thanks = [orgName, ...partners];
  paragraphs.push(
    id
      ? `Kegiatan ini terselenggara atas kerja sama yang baik dari berbagai pihak, yakni ${list(thanks, 'dan')}. Panitia mengucapkan terima kasih kepada seluruh pihak yang telah terlibat mulai dari perencanaan, pelaksanaan, hingga evaluasi kegiatan.${e.series ? ' Nantikan kegiatan selanjutnya dalam waktu dekat.' : ''}`
      : `The event was made possible by the cooperation of ${list(thanks, 'and')}. The organizers thank everyone involved in planning, running and evaluating it.${e.series ? ' Look out for the next event soon.' : ''}`,
  );
  const title = id ? `${kind.charAt(0).toUpperCase()}${kind.slice(1)}: ${e.title}` : `${e.title}`;
  return { title, paragraphs };
}
