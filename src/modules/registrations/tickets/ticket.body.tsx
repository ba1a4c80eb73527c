import type { VNode } from 'preact';
import type { Locale } from '../../../i18n/index.js';
import { formatDateTime } from '../../../shared/time.js';
import { stencil } from '../../../web/stencil.js';
import type { EventRow } from '../../events/index.js';
import { MY_DATA_TEXT, type MyDataShape, MyDataView, myDataModel } from '../privacy/privacy.view.js';
import type { RegistrationRow } from '../registrations.repository.js';
import type { Question } from '../registrations.schemas.js';
import { waitlistCapped } from '../registrations.schemas.js';
import { ACTIVE, MODE_TEXT } from '../registrations.service.js';
import type { RegistrationMode, RegistrationStatus } from '../registrations.tables.js';
import { qrPath } from './qr.js';
import { mapUrl, otherMode, switchOffered, TT, waSelfLink, when } from './ticket.view.js';

/** The ticket's per-person values: put in the markup as they are (web/stencil.tsx), never branched on. */
const TEXT = [
  ...MY_DATA_TEXT,
  'wa',
  'qrPath',
  'qrSide',
  'qrBox',
  'waitPos',
  'toldAt',
  'room',
  'sections',
] as const;
type TicketText = Record<(typeof TEXT)[number], string>;
type DoneKey = keyof typeof TT.done;

/** Everything the ticket's markup branches on; tickets of one event in the same state share it. */
interface TicketShape {
  l: Locale;
  title: string;
  when: string;
  status: RegistrationStatus;
  mode: RegistrationMode;
  done: DoneKey | null;
  /** Whether a place on the waitlist is shown, and whether it is only "more than the cap". */
  waitPlace: 'exact' | 'capped' | null;
  /** The event's form, on a cancelled ticket while the event has not ended. */
  registerAgain: string | null;
  doorsOpen: string | null;
  told: boolean;
  venue: { text: string; map: string | null } | null;
  seat: 'number' | 'atDoor' | null;
  online: { joinLater: boolean; stream: string | null } | null;
  switchTo: RegistrationMode | null;
  roomKnown: boolean;
  my: MyDataShape;
}

function drawTicket(s: TicketShape, t: Readonly<TicketText>, raw: (name: 'sections') => VNode) {
  const l = s.l;
  const active = ACTIVE.has(s.status);
  const waiting = s.status === 'waitlisted' || s.status === 'pending';
  // Only a confirmed hall ticket is an entry pass: a QR at the door for anyone else would be turned away.
  const hallPass = s.status === 'confirmed' && s.mode === 'onsite';
  const done = s.done ? TT.done[s.done] : null;
  const doneKind = s.done === 'newWaitlisted' || s.done === 'newPending' ? '' : ' ok';
  const badge =
    s.status === 'confirmed' ? 'ok' : s.status === 'cancelled' || s.status === 'declined' ? 'bad' : 'warn';
  const printed = (
    <p>
      {TT.printed[l]}: <strong>{t.printed}</strong>
    </p>
  );
  return (
    <article class="ticket">
      {done ? (
        <div class={`notice${doneKind}`} role="status">
          {done[l]}
        </div>
      ) : null}
      <p class="muted">{TT.ticket[l]}</p>
      <h1>{s.title}</h1>
      <p>{s.when}</p>
      <p>
        <span class={`badge ${badge}`}>{TT.status[s.status][l]}</span> · {TT.mode[l]}:{' '}
        <strong>{MODE_TEXT[s.mode][l]}</strong>
      </p>
      {s.status === 'waitlisted' ? (
        <p>
          {s.waitPlace === 'capped' ? `${TT.waitMore[l]} ` : null}
          {s.waitPlace === 'exact' ? `${TT.waitAt(t.waitPos)[l]} ` : null}
          {TT.waitInfo[l]}
        </p>
      ) : null}
      {s.status === 'pending' ? <p>{TT.pendingInfo[l]}</p> : null}
      {s.registerAgain !== null ? (
        <p>
          {TT.cancelledInfo[l]}{' '}
          <a class="btn secondary" href={s.registerAgain}>
            {TT.registerAgain[l]}
          </a>
        </p>
      ) : null}
      {waiting ? (
        <p class="muted">
          {TT.noEntry[l]} {TT.toldBy(s.told ? t.toldAt : null)[l]}
        </p>
      ) : null}
      {hallPass ? (
        <div class="card" style="text-align:center">
          {/* The ticket's QR code (qr.tsx draws it, once per code): inline SVG, no request, no raw markup. */}
          <svg
            xmlns="http://www.w3.org/2000/svg"
            viewBox={t.qrBox}
            width={240}
            height={240}
            role="img"
            aria-label={`${TT.ticket[l]} ${s.title}`}
            shape-rendering="crispEdges"
            class="qr"
          >
            <rect width={t.qrSide} height={t.qrSide} fill="#fff" />
            <path d={t.qrPath} stroke="#000" stroke-width="1" fill="none" />
          </svg>
          <p class="muted">{TT.showQr[l]}</p>
          {s.doorsOpen !== null ? (
            <p>
              <strong>{TT.doorsOpen(s.doorsOpen)[l]}</strong>
            </p>
          ) : null}
          {printed}
        </div>
      ) : active ? (
        printed
      ) : null}
      {s.venue !== null ? (
        <section>
          <h2>{TT.venue[l]}</h2>
          <p>{s.venue.text}</p>
          {s.venue.map !== null ? (
            <p>
              <a href={s.venue.map} rel="noopener" target="_blank">
                {TT.map[l]}
              </a>
            </p>
          ) : null}
          {s.seat === 'number' ? (
            <p class="seat">
              {TT.seat[l]}: <strong>{t.seat}</strong>
            </p>
          ) : s.seat === 'atDoor' ? (
            <p class="muted">{TT.seatAtDoor[l]}</p>
          ) : null}
        </section>
      ) : null}
      {/* The join button itself is the attendance module's (ticket section "Presensi daring"): it goes
          through /t/:code/join, which records the join before redirecting. This page never links the
          meeting URL directly, so no join goes unrecorded and there is exactly one join button. */}
      {s.online !== null ? (
        <section>
          <h2>{TT.onlineRoom[l]}</h2>
          {s.online.joinLater ? <p class="muted">{TT.joinLater[l]}</p> : null}
          {s.online.stream !== null ? (
            <p>
              <a href={s.online.stream} rel="noopener">
                {TT.stream[l]}
              </a>
            </p>
          ) : null}
        </section>
      ) : null}
      {raw('sections')}
      {active ? (
        <section>
          <p class="row">
            <a class="btn secondary" href={`${t.base}/acara.ics`}>
              {TT.ics[l]}
            </a>
            <a class="btn secondary" href={t.wa} rel="noopener">
              {TT.wa[l]}
            </a>
          </p>
          {s.switchTo !== null ? (
            <form method="post" action={`${t.base}/mode`}>
              <input type="hidden" name="mode" value={s.switchTo} />
              <button type="submit" class="secondary">
                {TT.switchTo(MODE_TEXT[s.switchTo])[l]}
              </button>{' '}
              <span class="muted">{TT.switchHint(s.roomKnown ? t.room : null)[l]}</span>
            </form>
          ) : null}
          <details>
            <summary>{TT.cancel[l]}</summary>
            <form method="post" action={`${t.base}/cancel`}>
              <p>{TT.cancelConfirm[l]}</p>
              <button type="submit" class="danger">
                {TT.cancelDo[l]}
              </button>
            </form>
          </details>
          <p class="muted">{TT.keepSafe[l]}</p>
        </section>
      ) : null}
      <MyDataView s={s.my} t={t} />
    </article>
  );
}

const ticketStencil = stencil<TicketShape, (typeof TEXT)[number], 'sections'>(TEXT, drawTicket, {
  raw: ['sections'],
});

export interface TicketInput {
  l: Locale;
  event: EventRow;
  r: RegistrationRow;
  url: string;
  waitlistPosition: number | null;
  /** Places left in the other mode, when switching to it is offered (see `switchOffered`); else null. */
  otherRoom: number | null;
  modes: readonly ('onsite' | 'online')[];
  seatMode: string;
  /** When the doors open (hall tickets that are confirmed), epoch ms. */
  doorsOpenAt: number | null;
  /** The e-mail a waitlisted or pending person is told at, when mail is configured; else null. */
  toldAt: string | null;
  done?: string;
  /** Other modules' ticket sections, already rendered by Preact (they go in as they are). */
  sections: string;
  // For "Data saya" (UU PDP rights), shown on every ticket that still holds personal data: the event's own
  // questions, how long data is kept and until when, and whether the section starts open.
  questions: Question[];
  retentionDays: number;
  erasedAfter: string;
  openData?: boolean;
}

function ticketModel(p: TicketInput): { shape: TicketShape; text: TicketText } {
  const { l, event, r } = p;
  const active = ACTIVE.has(r.status);
  const my = myDataModel({ ...p, open: p.openData });
  const hallPass = r.status === 'confirmed' && r.mode === 'onsite';
  const canSwitch = switchOffered(r, p.modes) && (p.otherRoom === null || p.otherRoom > 0);
  const qr = hallPass ? qrPath(r.ticket_code) : null;
  // "Registered" says what came of it: a place, the waitlist, or the organizers' review.
  const doneKey =
    p.done === 'new' && r.status === 'waitlisted'
      ? 'newWaitlisted'
      : p.done === 'new' && r.status === 'pending'
        ? 'newPending'
        : p.done;
  return {
    text: {
      ...my.text,
      wa: waSelfLink(event, r, p.url, l),
      qrPath: qr?.d ?? '',
      qrSide: String(qr?.total ?? ''),
      qrBox: qr ? `0 0 ${qr.total} ${qr.total}` : '',
      waitPos: String(p.waitlistPosition ?? ''),
      toldAt: p.toldAt ?? '',
      room: String(p.otherRoom ?? ''),
      sections: p.sections,
    },
    shape: {
      l,
      title: event.title,
      when: when(event, l),
      status: r.status,
      mode: r.mode,
      done: doneKey && doneKey in TT.done ? (doneKey as DoneKey) : null,
      waitPlace: p.waitlistPosition ? (waitlistCapped(p.waitlistPosition) ? 'capped' : 'exact') : null,
      registerAgain:
        r.status === 'cancelled' && Date.now() < Number(event.ends_at) ? `/e/${event.slug}/daftar` : null,
      doorsOpen: p.doorsOpenAt !== null ? formatDateTime(p.doorsOpenAt, event.timezone, l) : null,
      told: p.toldAt !== null,
      venue:
        active && r.mode === 'onsite'
          ? {
              text: `${event.venue_name ?? ''}${event.venue_address ? `, ${event.venue_address}` : ''}`,
              map: mapUrl(event),
            }
          : null,
      seat:
        !active || r.mode !== 'onsite'
          ? null
          : r.seat_id
            ? 'number'
            : r.status === 'confirmed' && p.seatMode === 'checkin'
              ? 'atDoor'
              : null,
      online:
        active && r.mode === 'online' && (r.status !== 'confirmed' || event.online_stream_url)
          ? {
              joinLater: r.status !== 'confirmed',
              stream: r.status === 'confirmed' ? event.online_stream_url : null,
            }
          : null,
      switchTo: canSwitch ? otherMode(r) : null,
      roomKnown: p.otherRoom !== null,
      my: my.shape,
    },
  };
}

function rendered(p: TicketInput) {
  const { shape, text } = ticketModel(p);
  // Answers would key the shape with personal text: such a ticket is rendered whole, and nothing of it is kept.
  const key = shape.my.answers.length > 0 ? null : JSON.stringify(shape);
  const html = key === null ? ticketStencil.whole(shape, text) : ticketStencil.html(key, shape, text);
  return { shape, text, key, html };
}

/**
 * The ticket page's body. A ticket without answers to the event's own questions (nearly all) is filled into the
 * markup kept for its shape (web/stencil.tsx): the page every sign-up opens is mostly the same markup for
 * everyone in the same state, and rendering it was about a sixth of that page's CPU (~85 µs of ~500).
 */
export const ticketBodyHtml = (p: TicketInput): string => rendered(p).html;

/** Both ways of rendering, and whether the kept markup was used, for the tests that compare them. */
export function ticketBodyWays(p: TicketInput) {
  const { shape, text, key, html } = rendered(p);
  return {
    whole: ticketStencil.whole(shape, text),
    stencil: html,
    cut: key !== null && ticketStencil.isCut(key),
  };
}

export const ticketBodyNode = (html: string) => ticketStencil.node(html);
