import { formatTime } from '../../shared/time.js';

type Lang = 'id' | 'en';

/** A transcript line as the report keeps it (in the report's data and its final snapshots). */
export interface TranscriptLine {
  text: string;
  at: string;
}

/**
 * The report's appendix of the live captions: each line with its time (null when there were no
 * captions, so the appendix is left out).
 */
export function transcriptAppendix(lines: TranscriptLine[] | undefined, tz: string, lang: Lang) {
  if (!lines?.length) return null;
  return {
    title: lang === 'id' ? 'Transkrip takarir langsung' : 'Live caption transcript',
    head: lang === 'id' ? ['Waktu', 'Teks'] : ['Time', 'Text'],
    widths: [14, 86],
    rows: lines.map((l) => [formatTime(Date.parse(l.at), tz, lang), l.text]),
  };
}
