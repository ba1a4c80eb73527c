import type { Locale } from '../../i18n/index.js';
import { formatDate } from '../../shared/time.js';
import { CERT_ROLES, type CertRole, ROLE_LABELS } from '../certificates/index.js';
import { signatureLine } from '../events/index.js';
import { transcriptAppendix } from '../live/index.js';
import { pollReportItems } from '../qa/index.js';
import { beritaFor } from './reports.berita.js';
import type { ReportData } from './reports.data.js';
import { labelledId } from './reports.schemas.js';
import { formatNumber, REPORT_TEXT } from './reports.text.js';
import { typedBlocks } from './reports.typed.js';

/** A format-neutral report: Markdown, HTML, DOCX and PDF are four renderings of the same blocks. */
export type Block =
  | {
      t: 'cover';
      /** Organizer's and partners' logos (upload paths), shown in a row above the title. */
      logos: string[];
      lines: { text: string; size: 'xl' | 'l' | 'm' | 's'; bold?: boolean }[];
    }
  | { t: 'h1'; text: string }
  | { t: 'h2'; text: string }
  | { t: 'p'; text: string }
  | { t: 'kv'; rows: [string, string][] }
  | { t: 'table'; head: string[]; rows: string[][]; widths: number[] }
  /** Bullets, or the markers typed with the items ("1.", "a)"). */
  | { t: 'list'; items: string[]; markers?: string[] }
  | { t: 'image'; path: string; caption: string; width: number | null; height: number | null }
  | { t: 'signatures'; place: string; slots: { label: string; name: string; idNumber: string }[] }
  | { t: 'pagebreak' };

/**
 * The report in one language. Headings, labels, table headers and generated sentences come from
 * `REPORT_TEXT`; the organizer's narrative and everything people typed stay as written.
 */
export function buildReport(
  d: ReportData,
  lang: Locale = 'id',
  final: { version: number; finalizedAt: number } | null = null,
): Block[] {
  const T = REPORT_TEXT[lang];
  const e = d.event;
  const n = d.narrative;
  const st = d.stats;
  const b: Block[] = [];
  const mode = (m: 'onsite' | 'online') => T.mode[m];
  const role = (r: string) => T.roles[r] ?? r;
  const date = lang === 'id' ? d.date : d.dateEn;
  const timeRange = lang === 'id' ? d.timeRange : d.timeRangeEn;
  const platform = d.online ? (lang === 'id' ? d.online.platform : d.online.platformEn) : null;
  const partners = d.partners.map((p) => p.name);
  const organizer = d.org?.name ?? (lang === 'id' ? 'Panitia' : 'The committee');
  const year = formatDate(e.starts_at, e.timezone, 'id').split(' ').pop() ?? '';
  const num = (x: number, digits = 0) => formatNumber(x, lang, digits);
  // Present people: the attendance appendix's rows, so every count agrees with that table.
  const present = {
    onsite: d.attendees.filter((a) => a.mode === 'onsite').length,
    online: d.attendees.filter((a) => a.mode === 'online').length,
    total: d.attendees.length,
  };

  b.push({
    t: 'cover',
    logos: [d.org?.logoPath, ...d.partners.map((p) => p.logoPath)].filter((x): x is string => !!x),
    lines: [
      { text: T.reportTitle.toUpperCase(), size: 'xl', bold: true },
      { text: e.title, size: 'l', bold: true },
      ...(e.theme ? [{ text: T.cover.theme(e.theme), size: 'm' as const }] : []),
      { text: date, size: 'm' },
      {
        text: [d.venue, platform ? T.cover.online(platform) : null].filter(Boolean).join(T.cover.and),
        size: 's',
      },
      { text: T.cover.organizedBy, size: 's' },
      { text: organizer, size: 'm', bold: true },
      ...(partners.length ? [{ text: T.cover.withPartners(partners.join(', ')), size: 's' as const }] : []),
      { text: year, size: 'm', bold: true },
      {
        text: final ? T.finalStamp(final.version, formatDate(final.finalizedAt, e.timezone, lang)) : T.draft,
        size: 's',
      },
    ],
  });
  b.push({ t: 'pagebreak' });

  const A = T.approval;
  b.push({ t: 'h1', text: A.heading });
  b.push({
    t: 'kv',
    rows: [
      [A.name, e.title],
      [A.theme, e.theme ?? '-'],
      [A.organizer, organizer],
      [A.partners, partners.join(', ') || '-'],
      [A.time, `${date}, ${timeRange}`],
      [A.place, [d.venue, platform ? A.onlineVia(platform) : null].filter(Boolean).join('; ') || '-'],
      [A.attended, A.attendedValue(num(present.total), num(present.onsite), num(present.online))],
    ],
  });
  b.push({
    t: 'signatures',
    place: signatureLine(d.city ?? null, e.ends_at, e.timezone, lang),
    slots: n.approvals.map((a, i) => ({
      label:
        i === 0 && n.approvals.length > 1 && !/^mengetahui|^approved/i.test(a.label)
          ? `${T.approval.acknowledged}\n${a.label}`
          : a.label,
      name: a.name,
      idNumber: labelledId(a),
    })),
  });
  b.push({ t: 'pagebreak' });

  const C1 = T.ch1;
  b.push({ t: 'h1', text: C1.heading });
  b.push({ t: 'h2', text: C1.background });
  b.push(
    ...typedBlocks(n.background || e.description || e.summary || C1.backgroundDefault(e.title, organizer)),
  );
  b.push({ t: 'h2', text: C1.goals });
  b.push(...typedBlocks(n.goals || C1.goalsDefault(e.theme ?? e.title)));
  b.push({ t: 'h2', text: C1.theme });
  b.push({ t: 'p', text: e.theme ?? e.title });
  b.push({ t: 'h2', text: C1.organizers });
  b.push({ t: 'list', items: [C1.organizerItem(organizer), ...partners.map(C1.partnerItem)] });

  const C2 = T.ch2;
  b.push({ t: 'h1', text: C2.heading });
  b.push({ t: 'h2', text: C2.timePlace });
  const rows: [string, string][] = [
    [C2.day, date],
    [C2.time, timeRange],
  ];
  if (d.venue) rows.push([C2.venue, d.venue]);
  if (d.online) {
    rows.push([C2.onlineRoom, platform!]);
    if (d.online.joinUrl) rows.push([C2.link, d.online.joinUrl]);
    if (d.online.streamUrl) rows.push([C2.stream, d.online.streamUrl]);
  }
  b.push({ t: 'kv', rows });
  b.push({ t: 'h2', text: C2.rundown });
  b.push({
    t: 'table',
    head: [...C2.rundownHead],
    widths: [22, 43, 35],
    rows: d.agenda.map((a) => [
      lang === 'id' ? a.time : a.timeEn,
      withKind(a.title, a.kind === 'other' ? null : (T.kinds[a.kind] ?? a.kind)),
      a.people.map((p) => `${p.name}${p.presence === 'online' ? ` (${C2.online})` : ''}`).join('; '),
    ]),
  });
  b.push({ t: 'h2', text: C2.people });
  b.push({
    t: 'table',
    head: [...C2.peopleHead],
    widths: [32, 16, 37, 15],
    rows: d.people
      .filter((p) => p.role !== 'committee')
      .map((p) => [
        p.name,
        role(p.role),
        [p.position, p.institution].filter(Boolean).join(', '),
        mode(p.presence),
      ]),
  });
  b.push({ t: 'h2', text: C2.participants });
  b.push({
    t: 'table',
    head: [...C2.participantsHead],
    widths: [40, 20, 20, 20],
    rows: [
      [
        C2.registered,
        num(st.registrations.onsite),
        num(st.registrations.online),
        num(st.registrations.onsite + st.registrations.online),
      ],
      [C2.present, num(present.onsite), num(present.online), num(present.total)],
      [C2.waitlisted, '', '', num(st.registrations.waitlisted)],
      [C2.cancelled, '', '', num(st.registrations.cancelled)],
    ],
  });
  const roleCounts = Object.keys(T.roles)
    .map((r) => [role(r), d.people.filter((p) => p.role === r).length] as const)
    .filter(([, c]) => c > 0)
    .map(([label, c]) => C2.roleCount(label, c));
  if (roleCounts.length) b.push({ t: 'list', items: roleCounts });
  if (d.byInstitution.length) {
    b.push({ t: 'p', text: C2.byInstitution });
    b.push({
      t: 'table',
      head: [...C2.institutionHead],
      widths: [60, 20, 20],
      rows: d.byInstitution
        .slice(0, 25)
        .map((r) => [r.institution || C2.notGiven, num(r.onsite), num(r.online)]),
    });
  }

  const C3 = T.ch3;
  const letter = (i: number) => String.fromCharCode(65 + i);
  let sec = 0;
  b.push({ t: 'h1', text: C3.heading });
  b.push({ t: 'h2', text: `${letter(sec++)}. ${C3.qa}` });
  // The sentence counts the rows of the table under it (the same list), never a separate tally.
  const qs = d.questions;
  b.push({
    t: 'p',
    text: C3.qaSentence(
      qs.length,
      qs.filter((q) => q.origin === 'onsite').length,
      qs.filter((q) => q.origin !== 'onsite').length,
      qs.filter((q) => q.answered).length,
    ),
  });
  if (d.questions.length) {
    b.push({
      t: 'table',
      head: [...C3.questionsHead],
      widths: [6, 50, 12, 20, 12],
      rows: d.questions.map((q, i) => [
        String(i + 1),
        `${q.text}${q.author ? ` — ${q.author}` : ''}`,
        mode(q.origin),
        q.speaker ?? '-',
        q.answered ? C3.answered : C3.notAnswered,
      ]),
    });
  }
  if (d.polls.length) {
    b.push({ t: 'h2', text: `${letter(sec++)}. ${C3.polls}` });
    if (d.openVoting) b.push({ t: 'p', text: C3.openVoting });
    for (const p of d.polls) {
      b.push({ t: 'p', text: `${p.question} (${C3.voters(p.voters)})` });
      // Word clouds, open answers and ratings summarize themselves (src/modules/qa/qa.poll-report.ts).
      b.push({
        t: 'list',
        items: pollReportItems(p, lang) ?? p.options.map((o) => `${o.label}: ${num(o.votes)}`),
      });
    }
  }
  b.push({ t: 'h2', text: `${letter(sec++)}. ${C3.evaluation}` });
  const ev = (lang === 'en' ? d.evaluationEn : undefined) ?? d.evaluation;
  if (!ev.responses) b.push({ t: 'p', text: C3.noEvaluation });
  else {
    b.push({ t: 'p', text: C3.evaluationSentence(ev.responses) });
    b.push({
      t: 'table',
      head: [...C3.evaluationHead],
      widths: [52, 14, 10, 24],
      rows: ev.questions
        .filter((q) => q.kind === 'likert')
        .map((q) => [
          q.label,
          q.average == null ? '-' : num(q.average, 2),
          num(q.answered),
          q.distribution?.join('/') ?? '',
        ]),
    });
    for (const q of ev.questions.filter((x) => x.kind === 'choice')) {
      b.push({ t: 'p', text: q.label });
      b.push({ t: 'list', items: (q.options ?? []).map((o) => `${o.label}: ${num(o.count)}`) });
    }
    for (const q of ev.questions.filter((x) => x.kind === 'text' && x.comments?.length)) {
      b.push({ t: 'p', text: `${q.label}:` });
      b.push({ t: 'list', items: q.comments!.slice(0, 30) });
    }
  }
  b.push({ t: 'h2', text: `${letter(sec++)}. ${C3.obstacles}` });
  b.push(...typedBlocks(n.obstacles || C3.obstaclesDefault));

  const C4 = T.ch4;
  b.push({ t: 'h1', text: C4.heading });
  b.push({ t: 'h2', text: C4.conclusion });
  b.push(
    ...typedBlocks(
      n.conclusion ||
        C4.conclusionDefault(
          e.title,
          date,
          num(present.total),
          num(present.onsite),
          num(present.online),
          ev.responses ? avg(ev, num) : null,
        ),
    ),
  );
  b.push({ t: 'h2', text: C4.suggestions });
  b.push(...typedBlocks(n.suggestions || C4.suggestionsDefault));

  const L = T.appendix;
  let k = 1;
  b.push({ t: 'pagebreak' });
  b.push({ t: 'h1', text: L.heading });
  b.push({ t: 'h2', text: L.item(k++, L.attendance) });
  b.push({
    t: 'table',
    head: [...L.attendanceHead],
    widths: [6, 34, 30, 14, 16],
    rows: d.attendees.map((a, i) => [String(i + 1), a.name, a.institution ?? '', mode(a.mode), '']),
  });
  b.push({ t: 'h2', text: L.item(k++, L.peopleList) });
  b.push({
    t: 'table',
    head: [...L.peopleHead],
    widths: [6, 40, 24, 14, 16],
    rows: d.people.map((p, i) => [String(i + 1), p.name, role(p.role), mode(p.presence), '']),
  });
  b.push({ t: 'h2', text: L.item(k++, L.photos) });
  if (!d.photos.length) b.push({ t: 'p', text: L.noPhotos });
  for (const p of d.photos) {
    b.push({
      t: 'image',
      // The full picture (≤ 1600 px): the renderers print it at ≥ 200 ppi for its printed size.
      path: p.path,
      caption:
        [p.caption, p.agendaTitle ? `(${p.agendaTitle})` : null].filter(Boolean).join(' ') || L.photoDefault,
      width: p.width,
      height: p.height,
    });
  }
  b.push({ t: 'h2', text: L.item(k++, L.certificates) });
  b.push({
    t: 'table',
    head: [...L.certificatesHead],
    widths: [6, 28, 36, 18, 12],
    rows: d.certificates.map((c, i) => [
      String(i + 1),
      c.number,
      c.name,
      (CERT_ROLES as readonly string[]).includes(c.role) ? ROLE_LABELS[c.role as CertRole][lang] : c.role,
      c.status === 'valid' ? L.valid : L.revoked,
    ]),
  });
  // The live captions' transcript (src/modules/live/captions.report.ts), when there were captions.
  const transcript = transcriptAppendix(d.transcript, e.timezone, lang);
  if (transcript) {
    b.push({ t: 'h2', text: L.item(k++, transcript.title) });
    b.push({ t: 'table', head: transcript.head, widths: transcript.widths, rows: transcript.rows });
  }
  if (d.materials.length) {
    b.push({ t: 'h2', text: L.item(k++, L.materials) });
    b.push({ t: 'list', items: d.materials.map((m) => m.caption ?? m.path) });
  }
  // Further appendices go here, before the news drafts.
  // Both news drafts in either report: the organizer sends the Indonesian one to local media and the
  // English one to the partners' sites.
  for (const news of ['id', 'en'] as const) {
    const a = beritaFor(d, news);
    b.push({ t: 'h2', text: L.item(k++, L.news[news]) });
    b.push({ t: 'p', text: a.title });
    for (const p of a.paragraphs) b.push({ t: 'p', text: p });
  }
  return b;
}

function avg(ev: ReportData['evaluation'], num: (n: number, digits?: number) => string): string {
  const xs = ev.questions.filter((q) => q.average != null).map((q) => q.average!);
  return xs.length ? num(xs.reduce((a, x) => a + x, 0) / xs.length, 2) : '-';
}

/**
 * A rundown title with its kind after it, unless the title already says it: "Pembukaan" stays itself, and
 * so does "Penutup: …" for a closing ("Penutupan" starts with the title's first word).
 */
function withKind(title: string, kind: string | null): string {
  if (!kind) return title;
  const t = title.toLocaleLowerCase('id');
  const k = kind.toLocaleLowerCase('id');
  const first = t.match(/^\p{L}+/u)?.[0] ?? '';
  const says = t.includes(k) || (first.length >= 4 && k.startsWith(first));
  return says ? title : `${title} (${kind})`;
}
