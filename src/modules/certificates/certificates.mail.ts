import type { AppContext } from '../../context.js';
import { fullName } from '../../shared/names.js';
import type { EventRow } from '../events/index.js';
import type { CertificateRow } from './certificates.repository.js';

/** Tells each new certificate's holder (when they gave an e-mail) that it is ready, with a download link. */
export async function notifyIssued(
  ctx: AppContext,
  verifyUrl: (code: string) => string,
  event: EventRow,
  rows: CertificateRow[],
) {
  const { config } = ctx;
  if (!ctx.mailer.enabled) return;
  for (const c of rows) {
    if (!c.email) continue;
    const name = fullName({ frontTitles: c.front_titles, name: c.name, backTitles: c.back_titles });
    const link = `${config.publicUrl}/api/v1/certificates/${c.code}/pdf?key=${c.download_key}`;
    try {
      await ctx.mailer.send({
        to: c.email,
        subject: `Sertifikat: ${event.title}`,
        text: [
          `Yth. ${name},`,
          '',
          `Sertifikat Anda untuk "${event.title}" sudah terbit (nomor ${c.number}).`,
          `Unduh: ${link}`,
          `Periksa keasliannya: ${verifyUrl(c.code)}`,
          '',
          `Your certificate for "${event.title}" is ready (number ${c.number}).`,
          `Download: ${link}`,
        ].join('\n'),
      });
    } catch (err) {
      ctx.log.warn({ err, certificate: c.id }, 'certificate e-mail failed');
    }
  }
}
