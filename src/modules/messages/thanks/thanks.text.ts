import type { Locale } from '../../../i18n/index.js';

/** The thank-you of one kind, stored as this and written in each person's language at send time. */
export interface ThanksBody {
  variant: 'present' | 'absent';
  recordingUrl: string | null;
}

const T = {
  subject: (title: string) => ({ id: `Terima kasih: ${title}`, en: `Thank you: ${title}` }),
  present: (title: string) => ({
    id: `Terima kasih telah hadir di ${title}.\n\nMohon isi evaluasi singkat di halaman tiket Anda (tautan di bawah). Sertifikat Anda terbit di halaman yang sama.`,
    en: `Thank you for attending ${title}.\n\nPlease fill in the short evaluation on your ticket page (link below). Your certificate is issued on the same page.`,
  }),
  absent: (title: string) => ({
    id: `Sayang sekali Anda berhalangan hadir di ${title}. Semoga kita bertemu di acara berikutnya.`,
    en: `We missed you at ${title}. We hope to see you at the next event.`,
  }),
  recording: (url: string) => ({ id: `Rekaman acara: ${url}`, en: `Recording: ${url}` }),
};

export function thanksText(b: ThanksBody, title: string, l: Locale) {
  const lines = [(b.variant === 'present' ? T.present(title) : T.absent(title))[l]];
  if (b.recordingUrl) lines.push('', T.recording(b.recordingUrl)[l]);
  return { subject: T.subject(title)[l], body: lines.join('\n') };
}
