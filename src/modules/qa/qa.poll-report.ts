import type { PollDto } from '../../shared/realtime.js';

type Lang = 'id' | 'en';

const fmt = (x: number, lang: Lang, digits = 0) =>
  x.toLocaleString(lang === 'id' ? 'id-ID' : 'en-GB', {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  });

/** How many words and open answers the report lists (the rest are summed up). */
const REPORT_WORDS = 20;
const REPORT_ANSWERS = 30;

/**
 * The report's lines for a word cloud, an open poll or a rating (null for choice polls, which the
 * report lists by option itself): the most given words with their counts, the approved answers, or
 * the average with the distribution.
 */
export function pollReportItems(p: PollDto, lang: Lang): string[] | null {
  if (p.kind === 'wordcloud') {
    if (!p.words?.length) return [lang === 'id' ? 'Belum ada kata.' : 'No words.'];
    const items = p.words.slice(0, REPORT_WORDS).map((w) => `${w.text}: ${fmt(w.count, lang)}`);
    const rest = (p.words?.length ?? 0) - REPORT_WORDS;
    if (rest > 0)
      items.push(lang === 'id' ? `dan ${fmt(rest, lang)} kata lain` : `and ${fmt(rest, lang)} more words`);
    return items;
  }
  if (p.kind === 'open') {
    const shown = (p.answers ?? []).filter((a) => a.status === 'approved');
    if (!shown.length) return [lang === 'id' ? 'Tidak ada jawaban yang disetujui.' : 'No approved answers.'];
    const items = shown.slice(0, REPORT_ANSWERS).map((a) => a.text);
    if (shown.length > REPORT_ANSWERS)
      items.push(
        lang === 'id'
          ? `dan ${fmt(shown.length - REPORT_ANSWERS, lang)} jawaban lain`
          : `and ${fmt(shown.length - REPORT_ANSWERS, lang)} more answers`,
      );
    return items;
  }
  if (p.kind === 'rating') {
    const r = p.rating ?? { average: null, count: 0, distribution: [0, 0, 0, 0, 0] };
    return [
      r.average === null
        ? lang === 'id'
          ? 'Belum ada penilaian.'
          : 'No ratings.'
        : lang === 'id'
          ? `Rata-rata ${fmt(r.average, lang, 2)} dari 5 (${fmt(r.count, lang)} penilaian)`
          : `Average ${fmt(r.average, lang, 2)} out of 5 (${fmt(r.count, lang)} ratings)`,
      ...r.distribution.map((n, i) => `${i + 1}: ${fmt(n, lang)}`),
    ];
  }
  return null;
}
