import type { Locale } from '../../i18n/index.js';
import { type EventRow, uploadUrl } from '../events/index.js';
import type { PersonRow } from '../program/index.js';
import { AgendaTime, EventWhen, OrgBadge, PersonItem, Presence } from './site.components.js';
import { type EventPageData, personName, whatsAppLink, whatsAppText } from './site.service.js';
import { KIND_LABELS, PLATFORM_LABELS, T } from './site.text.js';

function PeopleList(props: { title: string; people: PersonRow[]; locale: Locale }) {
  if (!props.people.length) return null;
  return (
    <section>
      <h2>{props.title}</h2>
      <ul style="padding-left:1.1rem">
        {props.people.map((p) => (
          <PersonItem person={p} locale={props.locale} />
        ))}
      </ul>
    </section>
  );
}

function mapUrl(e: EventPageData['event']): string | null {
  if (e.venue_map_url) return e.venue_map_url;
  if (!e.venue_name) return null;
  const q = [e.venue_name, e.venue_address].filter(Boolean).join(', ');
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(q)}`;
}

/** When and where: the date, hall and/or online, the map link, and the calendar and WhatsApp buttons. */
function WhenWhere(props: { event: EventRow; locale: Locale; url: string }) {
  const { event: e, locale: l, url } = props;
  const mode =
    e.venue_name && e.online_platform
      ? T.hybrid
      : e.online_platform
        ? T.onlineOnly
        : e.venue_name
          ? T.onsiteOnly
          : null;
  const map = mapUrl(e);
  const platform = e.online_platform
    ? (PLATFORM_LABELS[e.online_platform] ?? PLATFORM_LABELS.other!)[l]
    : null;
  return (
    <section class="card" aria-label={T.when[l]}>
      <p style="margin:0">
        <strong>{T.when[l]}:</strong> <EventWhen event={e} locale={l} />
      </p>
      {mode ? (
        <p style="margin:.5rem 0 0">
          <span class="badge">{mode[l]}</span>
        </p>
      ) : null}
      {e.venue_name ? (
        <p style="margin:.5rem 0 0">
          <strong>{T.where[l]}:</strong> {e.venue_name}
          {e.venue_address ? `, ${e.venue_address}` : ''}
          {map ? (
            <>
              {' '}
              ·{' '}
              <a href={map} rel="noopener nofollow">
                {T.map[l]}
              </a>
            </>
          ) : null}
          {e.venue_capacity ? (
            <>
              <br />
              <span class="muted">
                {T.capacity[l]}: {e.venue_capacity} {T.people[l]}
              </span>
            </>
          ) : null}
        </p>
      ) : null}
      {platform ? (
        <p style="margin:.5rem 0 0">
          <strong>{T.onlineVia[l]}:</strong> {platform}
          {e.online_capacity ? ` (${T.onlineCapacity[l]}: ${e.online_capacity})` : ''}
          <br />
          <span class="muted">{T.joinLinkNote[l]}</span>
        </p>
      ) : null}
      <p class="row" style="margin:.75rem 0 0">
        <a class="btn secondary" href={`/e/${e.slug}/event.ics`}>
          {T.addToCalendar[l]}
        </a>
        <a class="btn secondary" href={whatsAppLink(whatsAppText(e, l, url))} rel="noopener">
          {T.shareWhatsApp[l]}
        </a>
      </p>
    </section>
  );
}

/**
 * The public event page, before the other modules' sections. Pure function of the data and the
 * language, so the result can be cached per event and language (see site.cache.ts).
 */
export function EventPageBody(props: {
  data: EventPageData;
  locale: Locale;
  publicUrl: string;
  draft?: boolean;
}) {
  const { event: e, org, partners, people, agenda } = props.data;
  const l = props.locale;
  const url = `${props.publicUrl}/e/${e.slug}`;
  const officials = people.filter((p) => p.role === 'official');
  const speakers = people.filter((p) => p.role === 'speaker');
  const hosts = people.filter((p) => p.role === 'moderator' || p.role === 'mc');
  return (
    <article>
      {props.draft ? (
        <div class="notice" role="status">
          {T.draftPreview[l]}
        </div>
      ) : null}
      {e.banner_path ? (
        <img class="banner" src={uploadUrl(e.banner_path)!} alt="" width={960} height={540} />
      ) : null}
      {org ? (
        <p class="muted" style="margin:.75rem 0 0">
          <a href={`/o/${org.slug}`}>{org.name}</a>
        </p>
      ) : null}
      <h1>{e.title}</h1>
      {e.theme ? (
        <p style="font-size:1.1rem;margin:.25rem 0">
          {T.theme[l]}: <em>“{e.theme}”</em>
        </p>
      ) : null}
      {e.summary ? <p>{e.summary}</p> : null}

      <WhenWhere event={e} locale={l} url={url} />

      {e.description ? (
        <section>
          <h2>{T.about[l]}</h2>
          {e.description.split(/\n\s*\n/).map((para) => (
            <p style="white-space:pre-line">{para}</p>
          ))}
        </section>
      ) : null}

      <PeopleList title={T.remarks[l]} people={officials} locale={l} />
      <PeopleList title={T.speakers[l]} people={speakers} locale={l} />
      <PeopleList title={T.hosts[l]} people={hosts} locale={l} />

      {agenda.length ? (
        <section>
          <h2>{T.rundown[l]}</h2>
          <ol class="rundown">
            {agenda.map((a) => (
              <li>
                <span>
                  <AgendaTime start={a.starts_at} end={a.ends_at} tz={e.timezone} locale={l} />
                </span>
                <span>
                  <strong>{a.title}</strong>{' '}
                  <span class="badge">{(KIND_LABELS[a.kind] ?? KIND_LABELS.other!)[l]}</span>
                  {a.people.map((p) => (
                    <>
                      <br />
                      {personName(p)} <Presence presence={p.presence} locale={l} />
                    </>
                  ))}
                </span>
              </li>
            ))}
          </ol>
        </section>
      ) : null}

      {org || partners.length ? (
        <section>
          {org ? (
            <>
              <h2>{T.organizedBy[l]}</h2>
              <ul class="logos" style="list-style:none;padding:0">
                <OrgBadge org={org} />
              </ul>
            </>
          ) : null}
          {partners.length ? (
            <>
              <h2>{T.partners[l]}</h2>
              <ul class="logos" style="list-style:none;padding:0">
                {partners.map((p) => (
                  <OrgBadge org={p} />
                ))}
              </ul>
            </>
          ) : null}
        </section>
      ) : null}
    </article>
  );
}
