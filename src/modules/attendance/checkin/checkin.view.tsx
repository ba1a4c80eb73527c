import type { FastifyRequest } from 'fastify';
import type { AppError } from '../../../errors.js';
import type { Locale, Text } from '../../../i18n/index.js';
import { CsrfField } from '../../../web/page.js';
import type { EventRow } from '../../events/index.js';
import type { CheckinService } from './checkin.service.js';
import type { WalkInResult } from './walkin.service.js';
import { when } from './window.js';

// What the door page shows: the counts, the big answer, the input, search results and the walk-in form.
// The island (client/checkin.ts) takes over the same markup; without JavaScript the forms post.

export const T = {
  title: { id: 'Check-in di pintu', en: 'Door check-in' },
  present: { id: 'Hadir di aula', en: 'In the hall' },
  expected: { id: 'terdaftar luring', en: 'registered in person' },
  queued: { id: 'Antrean offline', en: 'Offline queue' },
  ready: {
    id: 'Siap memindai. Arahkan kamera ke kode QR tiket, atau ketik nama/no. HP.',
    en: 'Ready. Point the camera at the ticket QR code, or type a name/phone number.',
  },
  input: { id: 'Kode tiket, nama, atau nomor HP', en: 'Ticket code, name or phone number' },
  go: { id: 'Check-in / Cari', en: 'Check in / Search' },
  camera: { id: 'Pindai dengan kamera', en: 'Scan with the camera' },
  stopCamera: { id: 'Matikan kamera', en: 'Stop the camera' },
  walkIn: { id: 'Peserta datang langsung (walk-in)', en: 'Walk-in participant' },
  name: { id: 'Nama lengkap', en: 'Full name' },
  phone: { id: 'Nomor WhatsApp', en: 'WhatsApp number' },
  email: { id: 'E-mail (jika tidak ada nomor)', en: 'E-mail (if no number)' },
  institution: { id: 'Instansi', en: 'Institution' },
  register: { id: 'Daftarkan dan check-in', en: 'Register and check in' },
  checkIn: { id: 'Check-in', en: 'Check in' },
  none: { id: 'Tidak ada yang cocok.', en: 'No match.' },
  online: { id: 'Daring', en: 'Online' },
  onsite: { id: 'Luring', en: 'In person' },
  seat: { id: 'Kursi', en: 'Seat' },
  already: { id: 'sudah check-in', en: 'checked in' },
  netOn: { id: 'Terhubung', en: 'Online' },
  netOff: {
    id: 'Offline — pindaian disimpan di HP ini dan dikirim saat tersambung',
    en: 'Offline — scans are kept on this phone and sent when connected',
  },
  install: {
    id: 'Pasang di layar utama agar tetap bisa dibuka tanpa sinyal.',
    en: 'Add to the home screen so it opens without a signal.',
  },
  back: { id: 'Kembali ke acara', en: 'Back to the event' },
  overrideReason: { id: 'Alasan tetap mencatat (wajib)', en: 'Reason to record it anyway (required)' },
  overrideGo: { id: 'Tetap check-in', en: 'Check in anyway' },
  walkInTicket: {
    id: 'Minta peserta memindai kode ini dengan ponselnya: itu tiketnya untuk bertanya dan memilih di sesi langsung.',
    en: 'Ask the person to scan this with their phone: it is their ticket to ask and vote in the live session.',
  },
  consent: {
    id: 'Peserta sudah diberi tahu dan setuju datanya dipakai untuk pendaftaran, daftar hadir dan sertifikat acara ini.',
    en: 'The person was told and agrees that their data is used for this event’s registration, attendance list and certificate.',
  },
} satisfies Record<string, Text>;

/** Strings the island needs, in the page's language (the island carries no dictionary of its own). */
function clientTexts(l: Locale) {
  const pick = (t: Text) => t[l];
  return {
    ready: pick(T.ready),
    none: pick(T.none),
    checkIn: pick(T.checkIn),
    online: pick(T.online),
    onsite: pick(T.onsite),
    seat: pick(T.seat),
    already: pick(T.already),
    netOn: pick(T.netOn),
    netOff: pick(T.netOff),
    camera: pick(T.camera),
    stopCamera: pick(T.stopCamera),
    welcome: l === 'id' ? 'Selamat datang' : 'Welcome',
    alreadyAt: l === 'id' ? 'Sudah check-in {time}' : 'Already checked in {time}',
    at: l === 'id' ? 'pukul {time}' : 'at {time}',
    notOpenYet:
      l === 'id'
        ? 'Check-in belum dibuka: pintu dibuka {when}.'
        : 'Check-in is not open yet: doors open {when}.',
    closedAt: l === 'id' ? 'Check-in sudah selesai (ditutup {when}).' : 'Check-in is over (closed {when}).',
    overrideReason: pick(T.overrideReason),
    overrideGo: pick(T.overrideGo),
    walkInTicket: pick(T.walkInTicket),
    clockFlag:
      l === 'id'
        ? 'Jam HP ini berbeda lebih dari 5 menit dari server: waktu dicatat menurut HP dan ditandai.'
        : 'This phone’s clock is more than 5 minutes off the server’s: the time is kept as the phone’s and flagged.',
    by: l === 'id' ? 'oleh {name}' : 'by {name}',
    offlineSaved:
      l === 'id' ? 'Disimpan offline, dikirim saat tersambung.' : 'Saved offline, sent when connected.',
    notInList:
      l === 'id'
        ? 'Tidak ada di daftar peserta pada HP ini. Dicatat dan diperiksa saat tersambung.'
        : 'Not on the list on this phone. Recorded and checked when connected.',
    cancelled: l === 'id' ? 'Pendaftaran dibatalkan.' : 'Registration cancelled.',
    waitlisted: l === 'id' ? 'Masih dalam daftar tunggu.' : 'Still on the waitlist.',
    registeredOnline: l === 'id' ? 'Terdaftar daring, bukan di aula.' : 'Registered online, not in the hall.',
    switchToHall: l === 'id' ? 'Pindahkan ke luring' : 'Move to in-person',
    cameraError:
      l === 'id'
        ? 'Kamera tidak bisa dibuka. Izinkan akses kamera, atau ketik kode/nama.'
        : 'The camera cannot be opened. Allow camera access, or type the code/name.',
    error: l === 'id' ? 'Gagal. Coba lagi.' : 'Failed. Try again.',
    synced: l === 'id' ? '{n} pindaian offline terkirim.' : '{n} offline scans sent.',
    pendingSync: l === 'id' ? 'Menunggu sinkron' : 'Waiting to sync',
    walkInQueued:
      l === 'id'
        ? 'Disimpan di HP ini: didaftarkan dan check-in saat tersambung.'
        : 'Kept on this phone: registered and checked in when connected.',
  };
}

export const checkinPagePath = (event: EventRow) => `/console/events/${event.id}/checkin`;

function ResultBox(props: {
  req: FastifyRequest;
  path: string;
  result?: WalkInResult;
  error?: AppError;
  retry?: CheckinBox['retry'];
}) {
  const { req, path, result, error, retry } = props;
  const l = req.locale;
  if (error) {
    return (
      <div id="ci-result" class="ci-result red" role="alert">
        <strong>{error.text[l]}</strong>
        {error.details?.overridable && retry ? (
          // Without JavaScript too: the same scan again, with the reason staff give for recording it anyway.
          <form method="post" action={path} class="ci-override">
            <CsrfField req={req} />
            {retry.registrationId ? (
              <input type="hidden" name="registrationId" value={retry.registrationId} />
            ) : (
              <input type="hidden" name="q" value={retry.q} />
            )}
            <label for="ci-override-reason">{T.overrideReason[l]}</label>
            <input id="ci-override-reason" name="reason" required minLength={3} maxLength={500} />
            <button type="submit">{T.overrideGo[l]}</button>
          </form>
        ) : null}
      </div>
    );
  }
  if (!result) {
    return (
      <div id="ci-result" class="ci-result idle" role="status" aria-live="assertive">
        {T.ready[l]}
      </div>
    );
  }
  const ticket = result.walkIn ? (
    <figure class="ci-ticket">
      <img src={`${path}/walk-ins/${result.registration.id}/ticket.svg`} alt="QR" width={200} height={200} />
      <figcaption>{T.walkInTicket[l]}</figcaption>
    </figure>
  ) : null;
  if (result.result === 'waitlisted') {
    return (
      <div id="ci-result" class="ci-result amber" role="status" aria-live="assertive">
        <strong>{result.registration.name}</strong>
        <span>{result.message[l]}</span>
        {ticket}
      </div>
    );
  }
  return (
    <div
      id="ci-result"
      class={`ci-result ${result.first ? 'green' : 'amber'}`}
      role="status"
      aria-live="assertive"
    >
      <strong>{result.registration.name}</strong>
      <span>{result.message[l]}</span>
      <span>
        {result.registration.mode === 'onsite' ? T.onsite[l] : T.online[l]}
        {result.registration.seat ? ` · ${T.seat[l]} ${result.registration.seat}` : ''}
      </span>
      {ticket}
    </div>
  );
}

const CHECKIN_CSS = `
.ci-result{border-radius:.75rem;padding:1.25rem;margin:.75rem 0;font-size:1.15rem;display:flex;flex-direction:column;gap:.25rem;min-height:6.5rem;border:3px solid var(--line);background:var(--soft)}
.ci-result strong{font-size:1.5rem;line-height:1.2}
.ci-result.green{background:#1a7f37;border-color:#116329;color:#fff}
.ci-result.amber{background:#fff1c2;border-color:#d4a72c;color:#4d2d00}
.ci-result.red{background:#cf222e;border-color:#a40e26;color:#fff}
.ci-ticket{margin:.5rem 0 0;display:flex;gap:.75rem;align-items:center;background:#fff;color:#1f2328;border-radius:.5rem;padding:.5rem;font-size:1rem}
.ci-ticket img{width:min(200px,45vw);height:auto;flex:none}
.ci-bar{display:flex;gap:1rem;flex-wrap:wrap;align-items:baseline;font-size:1.05rem}
.ci-bar b{font-size:1.6rem}
.ci-net{font-size:.9rem;padding:.1rem .5rem;border-radius:1rem;background:#dafbe1}
.ci-net.off{background:#ffebe9}
#ci-video{width:100%;max-height:42vh;object-fit:cover;border-radius:.5rem;background:#000;display:block}
#ci-video[hidden]{display:none}
.ci-cam{margin:.25rem 0}
.ci-override{display:flex;flex-direction:column;gap:.35rem;margin-top:.5rem}
.ci-override input{color:var(--fg)}
.ci-list{list-style:none;padding:0;margin:0}
.ci-list li{display:flex;justify-content:space-between;gap:.5rem;align-items:center;padding:.5rem 0;border-bottom:1px solid var(--line)}
.ci-list li button{white-space:nowrap;flex:none}
`;

export interface CheckinBox {
  result?: WalkInResult;
  error?: AppError;
  /** What was sent, for the reason form of a scan outside the window. */
  retry?: { q: string; registrationId: string | undefined };
  search?: Awaited<ReturnType<CheckinService['search']>>;
}

export function CheckinView(props: {
  req: FastifyRequest;
  event: EventRow;
  onsite: number;
  box: CheckinBox;
}) {
  const { req, event, box } = props;
  const l = req.locale;
  const path = checkinPagePath(event);
  return (
    <>
      <link rel="manifest" href={`${path}/manifest.webmanifest`} />
      <meta name="theme-color" content="#0b5cad" />
      <style>{CHECKIN_CSS}</style>
      <p class="muted">
        <a href={`/console/events/${event.id}`}>{T.back[l]}</a>
      </p>
      <h1>
        {T.title[l]}: {event.title}
      </h1>
      <div
        id="checkin"
        data-event={event.id}
        data-path={path}
        data-csrf={req.user?.csrf ?? ''}
        data-lang={l}
        data-tz={event.timezone}
        data-t={JSON.stringify(clientTexts(l))}
      >
        {/* On a phone the viewfinder comes first: staff aim the camera and read the answer below it. */}
        <p class="row ci-cam">
          <button id="ci-camera" type="button" class="secondary" hidden>
            {T.camera[l]}
          </button>
        </p>
        <video id="ci-video" playsinline muted hidden />
        <div class="ci-bar">
          <span>
            {T.present[l]}:{' '}
            <b id="ci-count" data-at={String(Date.now())}>
              {props.onsite}
            </b>
          </span>
          <span>
            {T.queued[l]}: <b id="ci-queue">0</b>
          </span>
          <span id="ci-net" class="ci-net">
            {T.netOn[l]}
          </span>
        </div>
        <ResultBox req={req} path={path} result={box.result} error={box.error} retry={box.retry} />
        <form id="ci-form" method="post" action={path}>
          <CsrfField req={req} />
          <label for="ci-input">{T.input[l]}</label>
          <div class="row">
            <input
              id="ci-input"
              name="q"
              autocomplete="off"
              autofocus
              required
              maxLength={300}
              style="flex:1"
              enterkeyhint="go"
            />
            <button type="submit">{T.go[l]}</button>
          </div>
        </form>
        <ul id="ci-results" class="ci-list">
          {box.search?.map((r) => (
            <li>
              <span>
                <strong>{r.name}</strong>
                {r.institution ? ` · ${r.institution}` : ''} ·{' '}
                {r.mode === 'onsite' ? T.onsite[l] : T.online[l]}
                {r.phone4 ? ` · …${r.phone4}` : ''}
                {r.checkedInAt
                  ? ` · ${T.already[l]} ${when(Date.parse(r.checkedInAt), event.timezone)[l]}`
                  : ''}
              </span>
              <form method="post" action={path}>
                <CsrfField req={req} />
                <input type="hidden" name="registrationId" value={r.id} />
                <button type="submit">{T.checkIn[l]}</button>
              </form>
            </li>
          ))}
          {box.search && box.search.length === 0 ? <li>{T.none[l]}</li> : null}
        </ul>
        <details id="ci-walkin-box">
          <summary>{T.walkIn[l]}</summary>
          <form id="ci-walkin" method="post" action={`${path}/walkin`}>
            <CsrfField req={req} />
            <label for="wi-name">{T.name[l]}</label>
            <input id="wi-name" name="name" required minLength={2} maxLength={120} autocomplete="off" />
            <label for="wi-phone">{T.phone[l]}</label>
            <input id="wi-phone" name="phone" type="tel" inputMode="tel" maxLength={30} autocomplete="off" />
            <label for="wi-email">{T.email[l]}</label>
            <input id="wi-email" name="email" type="email" maxLength={200} autocomplete="off" />
            <label for="wi-inst">{T.institution[l]}</label>
            <input id="wi-inst" name="institution" maxLength={200} autocomplete="off" />
            <label class="inline">
              <input type="checkbox" name="consent" value="true" required />
              <span>{T.consent[l]}</span>
            </label>
            <p>
              <button type="submit">{T.register[l]}</button>
            </p>
          </form>
        </details>
        <ul id="ci-pending" class="ci-list" aria-live="polite" />
        <p class="muted">{T.install[l]}</p>
      </div>
    </>
  );
}
