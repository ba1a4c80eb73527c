import type { Locale, Text } from '../../../i18n/index.js';
import { formatDateTime } from '../../../shared/time.js';
import type { EventRow } from '../../events/index.js';
import { displayPhone } from '../phone.js';
import { FT } from '../register/register.form.js';
import { printedName } from '../registrations.presenter.js';
import type { RegistrationRow } from '../registrations.repository.js';
import type { Question } from '../registrations.schemas.js';
import { MODE_TEXT } from '../registrations.service.js';
import { TT } from '../tickets/ticket.view.js';

export const PT = {
  myData: { id: 'Data saya', en: 'My data' },
  stored: {
    id: 'Inilah yang disimpan pendaftaran tentang Anda untuk acara ini. Unduhan JSON memuat juga kehadiran, kode, pertanyaan, suara, evaluasi, sertifikat, undangan dan pengumuman.',
    en: 'This is what the registration stores about you for this event. The JSON download also holds attendance, codes, questions, votes, evaluation, certificates, invitations and announcements.',
  },
  name: { id: 'Nama', en: 'Name' },
  institution: { id: 'Instansi', en: 'Institution' },
  phone: { id: 'WhatsApp', en: 'WhatsApp' },
  email: { id: 'E-mail', en: 'E-mail' },
  status: { id: 'Status', en: 'Status' },
  registeredAt: { id: 'Waktu pendaftaran', en: 'Registered at' },
  consents: { id: 'Persetujuan', en: 'Consent' },
  given: { id: 'ya', en: 'yes' },
  notGiven: { id: 'tidak', en: 'no' },
  processing: { id: 'Pemrosesan untuk acara ini', en: 'Processing for this event' },
  retention: (when: string, days: number): Text => ({
    id: `Data ini dihapus otomatis pada ${when} (${days} hari setelah acara).`,
    en: `This data is erased automatically on ${when} (${days} days after the event).`,
  }),
  download: { id: 'Unduh data saya (JSON)', en: 'Download my data (JSON)' },
  erase: { id: 'Hapus data saya', en: 'Delete my data' },
  eraseWhat: {
    id: 'Nama, gelar, nomor WhatsApp, e-mail dan jawaban Anda dihapus dan tidak dapat dikembalikan — juga dari daftar hadir impor, catatan audit, pertanyaan, sertifikat (dicabut), undangan dan catatan pengumuman. Jika pendaftaran Anda masih aktif dan acara belum selesai, pendaftaran dibatalkan dan tempat Anda diberikan kepada daftar tunggu. Yang tersisa hanya angka untuk laporan (jumlah peserta, kehadiran, suara dan jawaban evaluasi tanpa nama).',
    en: 'Your name, titles, WhatsApp number, e-mail and answers are deleted and cannot be brought back — also from imported attendance reports, the audit log, questions, certificates (revoked), invitations and the announcement log. If your registration is still active and the event has not ended, it is cancelled and your place goes to the waitlist. Only the numbers for the report remain (participants, attendance, votes and evaluation answers, without names).',
  },
  eraseConfirm: {
    id: 'Saya mengerti dan ingin data saya dihapus.',
    en: 'I understand and want my data deleted.',
  },
  eraseDo: { id: 'Ya, hapus data saya', en: 'Yes, delete my data' },
  eraseNeedsConfirm: {
    id: 'Centang kotak konfirmasi untuk menghapus data Anda.',
    en: 'Tick the confirmation box to delete your data.',
  },
  erased: {
    id: 'Data pribadi pada tiket ini sudah dihapus. Tiket ini tidak berlaku lagi.',
    en: 'The personal data of this ticket has been deleted. This ticket is no longer valid.',
  },
} satisfies Record<string, unknown>;

const answerText = (a: unknown) => (Array.isArray(a) ? a.join(', ') : String(a));

/** "Data saya": what is stored, a JSON copy, and erasure behind a confirmation (works without JavaScript). */
export function MyDataSection(props: {
  l: Locale;
  event: EventRow;
  r: RegistrationRow;
  questions: Question[];
  retentionDays: number;
  erasedAfter: string;
  open?: boolean;
}) {
  const { l, event, r } = props;
  const base = `/t/${r.ticket_code}`;
  let answers: Record<string, unknown> = {};
  let consents: Record<string, { given?: boolean; at?: number }> = {};
  try {
    answers = r.answers ? JSON.parse(r.answers) : {};
    consents = r.consents ? JSON.parse(r.consents) : {};
  } catch {
    // A row written by hand with broken JSON still shows its other fields.
  }
  const rows: [string, string | null][] = [
    [PT.name[l], printedName(r)],
    [PT.institution[l], r.institution],
    [PT.phone[l], r.phone ? displayPhone(r.phone) : null],
    [PT.email[l], r.email],
    [TT.mode[l], MODE_TEXT[r.mode][l]],
    [PT.status[l], TT.status[r.status][l]],
    [TT.seat[l], r.seat_id],
    [PT.registeredAt[l], formatDateTime(Number(r.created_at), event.timezone, l)],
    ...props.questions
      .filter((q) => answers[q.id] !== undefined)
      .map((q): [string, string] => [q.label, answerText(answers[q.id])]),
  ];
  const purposes = Object.keys(FT.purposes) as (keyof typeof FT.purposes)[];
  return (
    <section id="data-saya">
      <details open={props.open}>
        <summary>{PT.myData[l]}</summary>
        <p>{PT.stored[l]}</p>
        <dl>
          {rows
            .filter(([, v]) => v)
            .map(([k, v]) => (
              <>
                <dt>
                  <strong>{k}</strong>
                </dt>
                <dd>{v}</dd>
              </>
            ))}
          <dt>
            <strong>{PT.consents[l]}</strong>
          </dt>
          <dd>
            {PT.processing[l]} — <strong>{consents.privacy ? PT.given[l] : PT.notGiven[l]}</strong>
            {purposes.map((p) => (
              <>
                <br />
                {FT.purposes[p][l]} — <strong>{consents[p]?.given ? PT.given[l] : PT.notGiven[l]}</strong>
              </>
            ))}
          </dd>
        </dl>
        <p class="muted">{PT.retention(props.erasedAfter, props.retentionDays)[l]}</p>
        <p>
          <a class="btn secondary" href={`${base}/data-saya.json`} download>
            {PT.download[l]}
          </a>
        </p>
        <details>
          <summary>{PT.erase[l]}</summary>
          <form method="post" action={`${base}/hapus`}>
            <p>{PT.eraseWhat[l]}</p>
            <label class="inline">
              <input type="checkbox" name="confirm" value="yes" required /> {PT.eraseConfirm[l]}
            </label>
            <p>
              <button type="submit" class="danger">
                {PT.eraseDo[l]}
              </button>
            </p>
          </form>
        </details>
      </details>
    </section>
  );
}

/** What a ticket whose data was erased still shows: the event, and that the data is gone. */
export function ErasedTicket(props: { l: Locale; event: EventRow }) {
  const { l, event } = props;
  return (
    <article class="ticket">
      <p class="muted">{TT.ticket[l]}</p>
      <h1>{event.title}</h1>
      <p>{formatDateTime(event.starts_at, event.timezone, l)}</p>
      <div class="notice ok" role="status">
        {PT.erased[l]}
      </div>
    </article>
  );
}
