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

/** The per-person values of "Data saya" (stencil text: put in the markup as they are, never branched on). */
export const MY_DATA_TEXT = [
  'base',
  'printed',
  'institution',
  'phone',
  'email',
  'seat',
  'registeredAt',
] as const;
type MyDataText = Record<(typeof MY_DATA_TEXT)[number], string>;

/**
 * Everything "Data saya" branches on (see web/stencil.tsx): which rows a person has, their consents, the event's
 * terms.
 */
export interface MyDataShape {
  l: Locale;
  has: { printed: boolean; institution: boolean; phone: boolean; email: boolean; seat: boolean };
  modeText: string;
  statusText: string;
  /** The event's own questions this person answered, as label and answer (rendered whole: see myDataModel). */
  answers: [string, string][];
  consents: { privacy: boolean; purposes: Record<keyof typeof FT.purposes, boolean> };
  retention: string;
  open: boolean;
}

/** "Data saya" for one registration: its shape and its text. */
export function myDataModel(props: {
  l: Locale;
  event: EventRow;
  r: RegistrationRow;
  questions: Question[];
  retentionDays: number;
  erasedAfter: string;
  open?: boolean;
}): { shape: MyDataShape; text: MyDataText } {
  const { l, event, r } = props;
  let answers: Record<string, unknown> = {};
  let consents: Record<string, { given?: boolean; at?: number }> = {};
  try {
    answers = r.answers ? JSON.parse(r.answers) : {};
    consents = r.consents ? JSON.parse(r.consents) : {};
  } catch {
    // A row written by hand with broken JSON still shows its other fields.
  }
  const text: MyDataText = {
    base: `/t/${r.ticket_code}`,
    printed: printedName(r),
    institution: r.institution ?? '',
    phone: r.phone ? displayPhone(r.phone) : '',
    email: r.email ?? '',
    seat: r.seat_id ?? '',
    registeredAt: formatDateTime(Number(r.created_at), event.timezone, l),
  };
  const purposes = Object.keys(FT.purposes) as (keyof typeof FT.purposes)[];
  return {
    text,
    shape: {
      l,
      has: {
        printed: text.printed !== '',
        institution: text.institution !== '',
        phone: text.phone !== '',
        email: text.email !== '',
        seat: text.seat !== '',
      },
      modeText: MODE_TEXT[r.mode][l],
      statusText: TT.status[r.status][l],
      // Answers to the event's own questions are few and rare: they key the shape (so such a ticket is rendered
      // whole, once per distinct set) rather than adding a varying number of holes.
      answers: props.questions
        .filter((q) => answers[q.id] !== undefined)
        .map((q): [string, string] => [q.label, answerText(answers[q.id])])
        .filter(([, v]) => v),
      consents: {
        privacy: Boolean(consents.privacy),
        purposes: Object.fromEntries(purposes.map((p) => [p, consents[p]?.given === true])) as Record<
          keyof typeof FT.purposes,
          boolean
        >,
      },
      retention: PT.retention(props.erasedAfter, props.retentionDays)[l],
      open: props.open === true,
    },
  };
}

/** "Data saya": what is stored, a JSON copy, and erasure behind a confirmation (works without JavaScript). */
export function MyDataView(props: { s: MyDataShape; t: Readonly<MyDataText> }) {
  const { s, t } = props;
  const l = s.l;
  const row = (label: string, value: string) => (
    <>
      <dt>
        <strong>{label}</strong>
      </dt>
      <dd>{value}</dd>
    </>
  );
  const purposes = Object.keys(FT.purposes) as (keyof typeof FT.purposes)[];
  return (
    <section id="data-saya">
      <details open={s.open}>
        <summary>{PT.myData[l]}</summary>
        <p>{PT.stored[l]}</p>
        <dl>
          {s.has.printed ? row(PT.name[l], t.printed) : null}
          {s.has.institution ? row(PT.institution[l], t.institution) : null}
          {s.has.phone ? row(PT.phone[l], t.phone) : null}
          {s.has.email ? row(PT.email[l], t.email) : null}
          {row(TT.mode[l], s.modeText)}
          {row(PT.status[l], s.statusText)}
          {s.has.seat ? row(TT.seat[l], t.seat) : null}
          {row(PT.registeredAt[l], t.registeredAt)}
          {s.answers.map(([k, v]) => row(k, v))}
          <dt>
            <strong>{PT.consents[l]}</strong>
          </dt>
          <dd>
            {PT.processing[l]} — <strong>{s.consents.privacy ? PT.given[l] : PT.notGiven[l]}</strong>
            {purposes.map((p) => (
              <>
                <br />
                {FT.purposes[p][l]} — <strong>{s.consents.purposes[p] ? PT.given[l] : PT.notGiven[l]}</strong>
              </>
            ))}
          </dd>
        </dl>
        <p class="muted">{s.retention}</p>
        <p>
          <a class="btn secondary" href={`${t.base}/data-saya.json`} download>
            {PT.download[l]}
          </a>
        </p>
        <details>
          <summary>{PT.erase[l]}</summary>
          <form method="post" action={`${t.base}/hapus`}>
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
