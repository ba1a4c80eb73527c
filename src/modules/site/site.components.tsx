import type { Locale } from '../../i18n/index.js';
import {
  formatDate,
  formatDateTime,
  formatTime,
  formatTimeRange,
  isoInZone,
  sameLocalDay,
  zoneLabel,
} from '../../shared/time.js';
import type { Children } from '../../web/render.js';
import type { EventRow, OrgRow } from '../events/index.js';
import type { PersonRow } from '../program/index.js';
import { personName } from './site.service.js';
import { PRESENCE_LABELS, T } from './site.text.js';

export function Presence(props: { presence: string; locale: Locale }) {
  const label = PRESENCE_LABELS[props.presence];
  if (!label) return null;
  return <span class={`badge ${props.presence === 'online' ? 'warn' : 'ok'}`}>{label[props.locale]}</span>;
}

/** Name with titles exactly as typed, then position and institution on the next line. */
export function PersonItem(props: { person: PersonRow; locale: Locale; showPresence?: boolean }) {
  const p = props.person;
  const detail = [p.position, p.institution].filter(Boolean).join(', ');
  return (
    <li>
      <strong>{personName(p)}</strong>{' '}
      {props.showPresence !== false ? <Presence presence={p.presence} locale={props.locale} /> : null}
      {detail ? (
        <>
          <br />
          <span class="muted">{detail}</span>
        </>
      ) : null}
    </li>
  );
}

export function OrgBadge(props: { org: OrgRow; link?: boolean; lazy?: boolean }) {
  const o = props.org;
  const inner = (
    <>
      {o.logo_path ? (
        <img
          src={`/uploads/${o.logo_path}`}
          alt=""
          height={48}
          loading={props.lazy === false ? undefined : 'lazy'}
        />
      ) : null}
      <span>{o.name}</span>
    </>
  );
  return (
    <li class="row" style="gap:.5rem">
      {props.link === false ? (
        inner
      ) : (
        <a href={`/o/${o.slug}`} class="row" style="gap:.5rem">
          {inner}
        </a>
      )}
    </li>
  );
}

/** "Kamis, 30 Desember 2021, pukul 09.00 WIB sampai pukul 12.00 WIB" (the end repeats the date only on another day). */
export function EventWhen(props: { event: EventRow; locale: Locale }) {
  const e = props.event;
  const l = props.locale;
  const end = sameLocalDay(e.starts_at, e.ends_at, e.timezone)
    ? `${l === 'id' ? 'pukul ' : ''}${formatTime(e.ends_at, e.timezone, l)} ${zoneLabel(e.timezone, e.ends_at)}`
    : formatDateTime(e.ends_at, e.timezone, l);
  return (
    <>
      <time datetime={isoInZone(e.starts_at, e.timezone)}>{formatDateTime(e.starts_at, e.timezone, l)}</time>{' '}
      <span class="muted">
        {T.until[l]} <time datetime={isoInZone(e.ends_at, e.timezone)}>{end}</time>
      </span>
    </>
  );
}

/** A compact card for lists: title, date, place. */
export function EventCard(props: {
  event: EventRow;
  locale: Locale;
  org?: OrgRow | null | undefined;
  children?: Children;
}) {
  const e = props.event;
  const l = props.locale;
  const modes = [e.venue_name, e.online_platform ? T.onlineShort[l] : null].filter(Boolean).join(' · ');
  return (
    <article class="card">
      <h3 style="margin:0 0 .25rem">
        <a href={`/e/${e.slug}`}>{e.title}</a>
      </h3>
      <p style="margin:0">
        <time datetime={isoInZone(e.starts_at, e.timezone)}>
          {formatDateTime(e.starts_at, e.timezone, l)}
        </time>
      </p>
      {modes ? (
        <p class="muted" style="margin:0">
          {modes}
        </p>
      ) : null}
      {props.org ? (
        <p class="muted" style="margin:0">
          {props.org.name}
        </p>
      ) : null}
      {props.children}
    </article>
  );
}

export function AgendaTime(props: { start: number; end: number | null; tz: string; locale: Locale }) {
  return (
    <time datetime={isoInZone(props.start, props.tz)}>
      {formatTimeRange(props.start, props.end, props.tz, props.locale)}
    </time>
  );
}

export { formatDate };
