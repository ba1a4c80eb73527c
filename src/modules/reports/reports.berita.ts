import type { Locale } from '../../i18n/index.js';
import type { PersonLine, ReportData } from './reports.data.js';
import { formatNumber } from './reports.text.js';

const list = (items: string[], and: string) =>
  items.length <= 1
    ? (items[0] ?? '')
    : `${items.slice(0, -1).join(', ')}${items.length > 2 ? ',' : ''} ${and} ${items.at(-1)}`;

const ordinalsId = ['pertama', 'kedua', 'ketiga', 'keempat', 'kelima', 'keenam', 'ketujuh', 'kedelapan'];
const ordinalsEn = ['first', 'second', 'third', 'fourth', 'fifth', 'sixth', 'seventh', 'eighth'];
const countsId = ['nol', 'satu', 'dua', 'tiga', 'empat', 'lima', 'enam', 'tujuh', 'delapan', 'sembilan'];
const countsEn = ['no', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'];

/** Titles that already say what kind of event it is: the headline then needs no prefix. */
const KIND_WORD =
  /^(seminar|webinar|workshop|lokakarya|pelatihan|diskusi|talk ?show|kuliah umum|sarasehan|bimtek|sosialisasi|konferensi|simposium|symposium|conference|training|lecture)\b/i;

/** "Lurah Kanigaran" already says "Kelurahan Kanigaran": an institution named in the position is left out. */
function named(position: string | null, institution: string | null): string | null {
  if (!position || !institution) return institution;
  const words = position.split(/[\s,]+/).filter((w) => w.length >= 5 && /^\p{Lu}/u.test(w));
  return words.some((w) => institution.includes(w)) ? null : institution;
}

function describe(p: PersonLine, locale: Locale): string {
  const what = [p.position, named(p.position, p.institution)]
    .filter(Boolean)
    .join(locale === 'id' ? ' ' : ', ');
  if (!what) return p.name;
  return locale === 'id' ? `${p.name} selaku ${what}` : `${p.name}, ${what}`;
}

export interface Berita {
  title: string;
  paragraphs: string[];
  /** Documentation photos with their captions, as the article's closing ("Berikut adalah dokumentasi…"). */
  photos: { path: string; caption: string }[];
}

/**
 * The news article draft (berita), written from the data in the style of the seed report: who
 * organized it with whom, when and where, who opened it on site and online, who spoke in the rundown's
 * order, who moderated, how many attended in the hall and online, how many questions came from both
 * sides, the closing and the photos. The organizer edits it; it only states what Aula recorded.
 */
export function berita(d: ReportData, locale: Locale, opts: { healthProtocol?: boolean } = {}): Berita {
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
  const num = (n: number) => formatNumber(n, id ? 'id' : 'en');
  const paragraphs: string[] = [];
  const byName = new Map(d.people.map((p) => [p.name, p]));
  const roleOf = (name: string) => byName.get(name)?.role;

  // Officials give the remarks: people with that role, and whoever the rundown puts on an opening or
  // remarks item unless they are there as speaker, moderator or MC.
  const openers = new Set(
    d.agenda
      .filter((a) => a.kind === 'opening' || a.kind === 'remarks')
      .flatMap((a) => a.people.map((p) => p.name))
      .filter((n) => !['speaker', 'moderator', 'mc'].includes(roleOf(n) ?? '')),
  );
  const officials = d.people.filter((p) => p.role === 'official' || openers.has(p.name));
  const onsiteOpen = officials.filter((p) => p.presence === 'onsite').map((p) => describe(p, locale));
  const onlineOpen = officials.filter((p) => p.presence === 'online').map((p) => describe(p, locale));
  const day = id ? d.date.replace(/^(\S+), /, 'hari $1 tanggal ') : d.dateEn;
  let p1 = id
    ? `Pada ${day}, ${orgName}${partners.length ? ` bekerja sama dengan ${list(partners, 'dan')}` : ''} mengadakan ${kind} yang bertajuk “${e.theme ?? e.title}”.`
    : `On ${day}, ${orgName}${partners.length ? ` together with ${list(partners, 'and')}` : ''} held ${kind} entitled “${e.theme ?? e.title}”.`;
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
      ? ` Kegiatan ini diawali dan dibuka dengan sambutan oleh ${parts.join(' serta ')}.`
      : ` It opened with remarks by ${parts.join(' and ')}.`;
  }
  paragraphs.push(p1);

  // Speakers in the rundown's order (first talk they give); speakers not on the rundown follow.
  const talks = d.agenda.filter((a) => a.kind === 'talk' || a.kind === 'video');
  const order = new Map<string, number>();
  talks.forEach((a, i) => {
    for (const p of a.people) if (roleOf(p.name) === 'speaker' && !order.has(p.name)) order.set(p.name, i);
  });
  const speakers = d.people
    .filter((p) => p.role === 'speaker')
    .sort((a, b) => (order.get(a.name) ?? 1e9) - (order.get(b.name) ?? 1e9));
  const moderators = d.people.filter((p) => p.role === 'moderator').map((m) => m.name);
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
    const mod = moderators.length
      ? id
        ? ` Diskusi dipandu oleh ${list(moderators, 'dan')} selaku moderator.`
        : ` ${list(moderators, 'and')} moderated the discussion.`
      : '';
    paragraphs.push(
      id
        ? `${where} ini diisi oleh ${count} narasumber yang terdiri atas ${list(
            speakers.map((s) => describe(s, locale)),
            'serta',
          )}.${mod}`
        : `${where} featured ${count} speaker${n > 1 ? 's' : ''}: ${list(
            speakers.map((s) => describe(s, locale)),
            'and',
          )}.${mod}`,
    );
    let k = 0;
    for (const a of d.agenda.filter((x) => x.kind === 'talk')) {
      // Only the speakers of a talk present it; a moderator on the same rundown item moderates.
      const who = a.people.filter((p) => roleOf(p.name) === 'speaker').map((p) => p.name);
      if (!who.length) continue;
      const ord = id ? ordinalsId[k] : ordinalsEn[k];
      k++;
      const online = a.people.every((p) => p.presence === 'online') && hybrid;
      const topic = a.title.replace(/^(pemateri|materi|sesi|speaker|talk)\s*\d+\s*:\s*/i, '');
      let s = id
        ? `${list(who, 'dan')} selaku pemateri ${ord ?? k} menyampaikan materi “${topic}”${online ? ' secara daring' : ''}.`
        : `${list(who, 'and')}, the ${ord ?? `#${k}`} speaker, presented “${topic}”${online ? ' online' : ''}.`;
      if (a.notes) s += ` ${a.notes}`;
      paragraphs.push(s);
    }
  }

  // The same lists the report's tables show: present participants and the questions table.
  const onsite = d.attendees.filter((a) => a.mode === 'onsite').length;
  const online = d.attendees.length - onsite;
  if (d.attendees.length > 0) {
    const prokes =
      opts.healthProtocol && onsite
        ? id
          ? ' dengan mematuhi protokol kesehatan'
          : ', keeping the health protocol'
        : '';
    const via = d.online ? (id ? ` lewat ${d.online.platform}` : ` via ${d.online.platformEn}`) : '';
    paragraphs.push(
      id
        ? onsite && online
          ? `Kegiatan ini disaksikan oleh ${num(onsite)} audiens yang hadir di lokasi${prokes} dan ${num(online)} lainnya yang hadir secara daring${via}.`
          : `Kegiatan ini diikuti oleh ${num(onsite || online)} peserta${onsite ? ` yang hadir di lokasi${prokes}` : ` secara daring${via}`}.`
        : onsite && online
          ? `${num(onsite)} people attended in the hall${prokes} and ${num(online)} online${via}.`
          : `${num(onsite || online)} people attended${onsite ? ` in the hall${prokes}` : ` online${via}`}.`,
    );
  }
  const qs = d.questions;
  if (qs.length > 0) {
    const qOn = qs.filter((q) => q.origin === 'onsite').length;
    const both = qOn > 0 && qOn < qs.length;
    paragraphs.push(
      id
        ? `Kegiatan ini ditutup dengan sesi pertanyaan. Terdapat ${num(qs.length)} pertanyaan dari audiens${both ? ' baik secara luring maupun daring' : qOn ? ' yang hadir di lokasi' : ' secara daring'} yang ditanggapi oleh narasumber sesuai bidang dan keahlian masing-masing.`
        : `The event closed with questions: the audience asked ${num(qs.length)}${both ? ', from the hall and online,' : ''} and the speakers answered them in their fields.`,
    );
  }
  const closing = d.agenda.find((a) => a.kind === 'closing');
  if (closing?.notes) paragraphs.push(id ? `Kegiatan ini kemudian ditutup: ${closing.notes}` : closing.notes);
  const thanks = [orgName, ...partners];
  paragraphs.push(
    id
      ? `Kegiatan ini terselenggara atas kerja sama yang baik dari berbagai pihak, yakni ${list(thanks, 'dan')}. Panitia mengucapkan terima kasih kepada seluruh pihak yang telah terlibat mulai dari perencanaan, pelaksanaan, hingga evaluasi kegiatan.${e.series ? ' Nantikan kegiatan selanjutnya dalam waktu dekat.' : ''}`
      : `The event was made possible by the cooperation of ${list(thanks, 'and')}. The organizers thank everyone involved in planning, running and evaluating it.${e.series ? ' Look out for the next event soon.' : ''}`,
  );
  const photos = d.photos.map((p) => ({ path: p.path, caption: p.caption ?? p.agendaTitle ?? '' }));
  if (photos.length)
    paragraphs.push(id ? 'Berikut adalah dokumentasi kegiatannya:' : 'Photos from the event:');
  return { title: headline(d, id), paragraphs, photos };
}

/**
 * A headline like the seed's ("Seminar Hybrid (Tatap Muka dan Daring): Strategi Pemulihan …"): the kind
 * of event, then its title, unless the title already names the kind ("Seminar Nasional …").
 */
function headline(d: ReportData, id: boolean): string {
  const title = d.event.title.trim();
  if (KIND_WORD.test(title)) return title;
  const hybrid = !!(d.venue && d.online);
  const kind = id
    ? hybrid
      ? 'Seminar Hybrid (Tatap Muka dan Daring)'
      : d.online
        ? 'Webinar'
        : 'Seminar'
    : hybrid
      ? 'Hybrid Seminar (In Person and Online)'
      : d.online
        ? 'Webinar'
        : 'Seminar';
  return `${kind}: ${title}`;
}

/** The article as plain text: headline, paragraphs and the photo captions, for copying. */
export const beritaText = (a: Pick<Berita, 'title' | 'paragraphs' | 'photos'>) =>
  [a.title, ...a.paragraphs, ...a.photos.map((p) => p.caption).filter(Boolean)].join('\n\n');

/** The article the organizer works with: their edit when they saved one, else the generated draft. */
export function beritaFor(d: ReportData, locale: Locale): Berita & { edited: boolean } {
  // Snapshots of reports finalized before these settings existed carry neither.
  const generated = berita(d, locale, { healthProtocol: d.narrative.healthProtocol ?? false });
  const edit = d.narrative.berita?.[locale];
  if (!edit) return { ...generated, edited: false };
  const paragraphs = edit.body
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter(Boolean);
  return { ...generated, title: edit.title, paragraphs, edited: true };
}
