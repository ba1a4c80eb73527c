import type { FastifyRequest } from 'fastify';
import type { Locale, Text } from '../../../i18n/index.js';
import type { FormValues } from '../../../web/forms.js';
import { CsrfField } from '../../../web/page.js';
import type { EventRow } from '../../events/index.js';
import { OPTIONAL_PURPOSES, type Question } from '../registrations.schemas.js';
import { MODE_TEXT } from '../registrations.service.js';
import type { ResolvedSettings } from '../settings/settings.service.js';

export const FT = {
  title: { id: 'Daftar', en: 'Register' },
  name: { id: 'Nama lengkap (tanpa gelar)', en: 'Full name (without titles)' },
  front: {
    id: 'Gelar depan (opsional), mis. Dr. atau H.',
    en: 'Titles before the name (optional), e.g. Dr.',
  },
  back: {
    id: 'Gelar belakang (opsional), mis. S.E., M.Si.',
    en: 'Titles after the name (optional), e.g. S.E., M.Si.',
  },
  preview: { id: 'Nama di sertifikat:', en: 'Name on the certificate:' },
  previewHint: {
    id: 'Gelar ditulis persis seperti Anda ketik. Periksa sebelum mendaftar.',
    en: 'Titles are printed exactly as you type them. Check before registering.',
  },
  institution: { id: 'Instansi / lembaga / usaha', en: 'Institution / organization / business' },
  phone: { id: 'Nomor WhatsApp', en: 'WhatsApp number' },
  phoneHint: { id: 'Contoh: 0812-3456-7890', en: 'E.g. 0812-3456-7890 or +62 812 3456 7890' },
  email: { id: 'E-mail (opsional, untuk tiket dan .ics)', en: 'E-mail (optional, for the ticket and .ics)' },
  mode: { id: 'Saya akan hadir', en: 'I will attend' },
  left: (n: number): Text => ({ id: `tersisa ${n} tempat`, en: `${n} places left` }),
  full: { id: 'penuh — masuk daftar tunggu', en: 'full — you join the waitlist' },
  fullNoWait: { id: 'penuh', en: 'full' },
  privacy: {
    id: 'Pemberitahuan privasi (UU No. 27/2022 tentang Pelindungan Data Pribadi)',
    en: 'Privacy notice (Indonesian Personal Data Protection Law No. 27/2022)',
  },
  consent: {
    id: 'Saya telah membaca pemberitahuan privasi dan setuju data saya diproses untuk pendaftaran, kehadiran, sertifikat dan laporan acara ini.',
    en: 'I have read the privacy notice and agree that my data is processed for this event’s registration, attendance, certificate and report.',
  },
  optional: {
    id: 'Persetujuan tambahan (boleh tidak dicentang):',
    en: 'Extra consent (you may leave these unticked):',
  },
  purposes: {
    news: {
      id: 'Kirimi saya kabar acara berikutnya dari penyelenggara ini.',
      en: 'Send me news of this organizer’s next events.',
    },
  } satisfies Record<(typeof OPTIONAL_PURPOSES)[number], Text>,
  submit: { id: 'Daftar sekarang', en: 'Register now' },
  closed: { id: 'Pendaftaran sudah ditutup.', en: 'Registration is closed.' },
  notYet: { id: 'Pendaftaran belum dibuka.', en: 'Registration is not open yet.' },
  required: { id: '(wajib)', en: '(required)' },
};

function Notice(props: { s: ResolvedSettings; event: EventRow; l: Locale; controller: string }) {
  const { s, l } = props;
  const purpose =
    s.privacyPurpose ??
    (l === 'id'
      ? 'mengelola pendaftaran, tiket, kehadiran, sertifikat, dan laporan kegiatan acara ini'
      : 'managing this event’s registration, tickets, attendance, certificates and activity report');
  const contact = s.privacyContact ?? props.controller;
  const items =
    l === 'id'
      ? [
          `Pengendali data: ${props.controller}.`,
          `Tujuan: ${purpose}.`,
          'Data yang dikumpulkan: nama dan gelar, instansi, nomor WhatsApp, e-mail (bila diisi), pilihan kehadiran, jawaban pertanyaan panitia, waktu pendaftaran dan kehadiran.',
          `Masa simpan: ${s.retentionDays} hari setelah acara; setelah itu data kontak dihapus, kecuali data minimal untuk verifikasi sertifikat.`,
          'Hak Anda: mengakses, memperbaiki, dan meminta penghapusan data, serta menarik persetujuan kapan saja.',
          `Kontak: ${contact}.`,
          'Nomor WhatsApp dan e-mail Anda tidak pernah ditampilkan kepada peserta lain.',
        ]
      : [
          `Data controller: ${props.controller}.`,
          `Purpose: ${purpose}.`,
          'Data collected: name and titles, institution, WhatsApp number, e-mail (if given), attendance mode, answers to the organizers’ questions, time of registration and attendance.',
          `Retention: ${s.retentionDays} days after the event; contact data is then deleted, except the minimum needed to verify certificates.`,
          'Your rights: access, correct and ask to delete your data, and withdraw consent at any time.',
          `Contact: ${contact}.`,
          'Your WhatsApp number and e-mail are never shown to other participants.',
        ];
  return (
    <details class="card" open>
      <summary>
        <strong>{FT.privacy[l]}</strong>
      </summary>
      <ul>
        {items.map((i) => (
          <li>{i}</li>
        ))}
      </ul>
    </details>
  );
}

function QuestionField(props: { q: Question; v: FormValues; l: Locale }) {
  const { q, v, l } = props;
  const name = `q_${q.id}`;
  const cur = v[name];
  const vals = Array.isArray(cur) ? cur : cur ? [cur] : [];
  const label = (
    <>
      {q.label} {q.required ? <span class="muted">{FT.required[l]}</span> : null}
    </>
  );
  if (q.kind === 'text') {
    return (
      <>
        <label for={name}>{label}</label>
        <input id={name} name={name} maxLength={2000} required={q.required} value={vals[0] ?? ''} />
      </>
    );
  }
  return (
    <fieldset>
      <legend>{label}</legend>
      {q.options.map((o, i) => (
        <label class="inline">
          <input
            type={q.kind === 'choice' ? 'radio' : 'checkbox'}
            name={name}
            value={o}
            id={`${name}_${i}`}
            checked={vals.includes(o)}
            required={q.kind === 'choice' && q.required}
          />{' '}
          {o}
        </label>
      ))}
    </fieldset>
  );
}

/** The registration form: plain HTML that works without JavaScript; the name preview is a tiny island. */
export function RegistrationForm(props: {
  req: FastifyRequest;
  event: EventRow;
  s: ResolvedSettings;
  room: Record<'onsite' | 'online', number | null>;
  controller: string;
  values?: FormValues;
  error?: string;
}) {
  const { event, s, room, req } = props;
  const l = req.locale;
  const v = props.values ?? {};
  const now = Date.now();
  if (s.opensAt && now < s.opensAt) return <p class="notice">{FT.notYet[l]}</p>;
  if (now >= s.closesAt) return <p class="notice">{FT.closed[l]}</p>;
  const val = (k: string) => (typeof v[k] === 'string' ? (v[k] as string) : '');
  const chosen = val('mode') || (s.modes.length === 1 ? s.modes[0] : '');
  return (
    <form method="post" action={`/e/${event.slug}/daftar`} data-reg="1" novalidate={false}>
      <CsrfField req={req} />
      {props.error ? (
        <div class="notice error" role="alert" id="reg-error">
          {props.error}
        </div>
      ) : null}
      <label for="reg-name">{FT.name[l]}</label>
      <input
        id="reg-name"
        name="name"
        required
        minLength={2}
        maxLength={120}
        autocomplete="name"
        value={val('name')}
      />
      <div class="grid">
        <div>
          <label for="reg-front">{FT.front[l]}</label>
          <input id="reg-front" name="frontTitles" maxLength={60} value={val('frontTitles')} />
        </div>
        <div>
          <label for="reg-back">{FT.back[l]}</label>
          <input id="reg-back" name="backTitles" maxLength={80} value={val('backTitles')} />
        </div>
      </div>
      <p>
        {FT.preview[l]}{' '}
        <output name="preview" for="reg-name reg-front reg-back">
          {val('name') || '…'}
        </output>
        <br />
        <small class="muted">{FT.previewHint[l]}</small>
      </p>
      <label for="reg-inst">{FT.institution[l]}</label>
      <input
        id="reg-inst"
        name="institution"
        maxLength={200}
        autocomplete="organization"
        value={val('institution')}
      />
      <label for="reg-phone">{FT.phone[l]}</label>
      <input
        id="reg-phone"
        name="phone"
        type="tel"
        inputmode="tel"
        autocomplete="tel"
        maxLength={40}
        value={val('phone')}
        aria-describedby="reg-phone-hint"
      />
      <small class="muted" id="reg-phone-hint">
        {FT.phoneHint[l]}
      </small>
      <label for="reg-email">{FT.email[l]}</label>
      <input
        id="reg-email"
        name="email"
        type="email"
        autocomplete="email"
        maxLength={200}
        value={val('email')}
      />
      <fieldset>
        <legend>
          <strong>{FT.mode[l]}</strong>
        </legend>
        {s.modes.map((m) => {
          const left = room[m];
          const info =
            left === null ? null : left > 0 ? FT.left(left)[l] : s.waitlist ? FT.full[l] : FT.fullNoWait[l];
          return (
            <label class="inline">
              <input type="radio" name="mode" value={m} required checked={chosen === m} /> {MODE_TEXT[m][l]}
              {info ? <span class="muted"> — {info}</span> : null}
            </label>
          );
        })}
      </fieldset>
      {s.questions.map((q) => (
        <QuestionField q={q} v={v} l={l} />
      ))}
      <Notice s={s} event={event} l={l} controller={props.controller} />
      <label class="inline">
        <input type="checkbox" name="consent" value="yes" required /> {FT.consent[l]}
      </label>
      <p class="muted">{FT.optional[l]}</p>
      {OPTIONAL_PURPOSES.map((p) => (
        <label class="inline">
          <input type="checkbox" name={`consent_${p}`} value="yes" /> {FT.purposes[p][l]}
        </label>
      ))}
      {/* A field people never see: bots fill it in, and their submission is dropped. */}
      <div aria-hidden="true" style="position:absolute;left:-9999px;width:1px;height:1px;overflow:hidden">
        <label for="reg-website">Website</label>
        <input id="reg-website" name="website" tabindex={-1} autocomplete="off" />
      </div>
      <p>
        <button type="submit">{FT.submit[l]}</button>
      </p>
      <script type="module" src="/assets/registration.js" />
    </form>
  );
}

/** Turns the urlencoded form into the API's input shape. */
export function formToInput(body: FormValues, questions: Question[]) {
  const str = (k: string) => (typeof body[k] === 'string' ? (body[k] as string) : undefined);
  const answers: Record<string, string | string[]> = {};
  for (const q of questions) {
    const a = body[`q_${q.id}`];
    if (a === undefined) continue;
    answers[q.id] = q.kind === 'multi' ? (Array.isArray(a) ? a : [a]) : Array.isArray(a) ? a[0]! : a;
  }
  return {
    name: str('name') ?? '',
    frontTitles: str('frontTitles'),
    backTitles: str('backTitles'),
    institution: str('institution'),
    phone: str('phone'),
    email: str('email'),
    mode: str('mode') ?? '',
    consent: str('consent') === 'yes',
    consents: Object.fromEntries(OPTIONAL_PURPOSES.map((p) => [p, str(`consent_${p}`) === 'yes'])),
    answers,
  };
}
