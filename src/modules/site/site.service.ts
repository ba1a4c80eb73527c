import type { AppContext } from '../../context.js';
import type { Locale } from '../../i18n/index.js';
import { fullName } from '../../shared/names.js';
import { formatDateTime } from '../../shared/time.js';
import type { EventRow, EventsService, OrgRow } from '../events/index.js';
import type { OrganizationRow, OrgsService } from '../orgs/index.js';
import type { PersonRow, ProgramService } from '../program/index.js';
import { siteRepository } from './site.repository.js';
import { PLATFORM_LABELS, T } from './site.text.js';

interface AgendaLine {
  id: string;
  starts_at: number;
  ends_at: number | null;
  kind: string;
  title: string;
  people: PersonRow[];
}

export interface EventPageData {
  event: EventRow;
  org: OrgRow | null;
  partners: OrgRow[];
  people: PersonRow[];
  agenda: AgendaLine[];
}

export const personName = (p: PersonRow) =>
  fullName({ frontTitles: p.front_titles, name: p.name, backTitles: p.back_titles });

/** Upcoming means not over yet: an event running now is still "upcoming" for someone looking for it. */
function splitByTime<E extends { starts_at: number; ends_at: number }>(events: E[], now = Date.now()) {
  const upcoming = events.filter((e) => e.ends_at >= now).sort((a, b) => a.starts_at - b.starts_at);
  const past = events.filter((e) => e.ends_at < now).sort((a, b) => b.starts_at - a.starts_at);
  return { upcoming, past };
}

/**
 * What the public pages show, read through the events, organizations and programme services: the
 * event page's people and rundown, the home page's lists and an organization's events.
 */
export function createSiteService(
  ctx: AppContext,
  deps: { events: EventsService; orgs: OrgsService; program: ProgramService },
) {
  const { db } = ctx;
  const { events, orgs, program } = deps;
  return {
    async eventPage(event: EventRow): Promise<EventPageData> {
      const [owners, partners, people, items] = await Promise.all([
        event.org_id ? events.orgsByIds([event.org_id]) : Promise.resolve([]),
        events.partnersOf(event.id),
        program.peopleRows(event.id),
        program.agendaRows(event.id),
      ]);
      const links = await program.agendaLinks(items.map((i) => i.id));
      const byId = new Map(people.map((p) => [p.id, p]));
      const agenda = items.map((i) => ({
        id: i.id,
        starts_at: i.starts_at,
        ends_at: i.ends_at,
        kind: i.kind,
        title: i.title,
        people: links
          .filter((l) => l.agenda_item_id === i.id)
          .map((l) => byId.get(l.person_id))
          .filter((p): p is PersonRow => !!p),
      }));
      return { event, org: owners[0] ?? null, partners, people, agenda };
    },

    async home() {
      const [published, all] = await Promise.all([events.published({ limit: 200 }), orgs.list()]);
      const { upcoming, past } = splitByTime(published);
      const orgIds = new Set(published.map((e) => e.org_id));
      const owners = new Map(all.map((o) => [o.id, o]));
      return { upcoming, past: past.slice(0, 24), orgs: all.filter((o) => orgIds.has(o.id)), owners };
    },

    async orgPage(org: OrganizationRow) {
      const [own, partnered] = await Promise.all([
        events.published({ orgId: org.id, limit: 200 }),
        siteRepository.partnerEvents(db, org.id),
      ]);
      const { upcoming, past } = splitByTime(own);
      // The "next event" of each series: its earliest event that is not over yet.
      const next = new Map<string, EventRow>();
      for (const e of upcoming) if (e.series && !next.has(e.series)) next.set(e.series, e);
      return { upcoming, past, nextInSeries: [...next.entries()], partnered: splitByTime(partnered) };
    },
  };
}

/** The WhatsApp message an organizer or participant forwards: short, with the date written out and the link last. */
export function whatsAppText(e: EventRow, locale: Locale, url: string): string {
  const lines = [`*${e.title}*`];
  if (e.theme) lines.push(`${T.theme[locale]}: ${e.theme}`);
  lines.push(`🗓️ ${formatDateTime(e.starts_at, e.timezone, locale)}`);
  const where: string[] = [];
  if (e.venue_name) where.push(`${e.venue_name} (${T.onsiteShort[locale]})`);
  if (e.online_platform)
    where.push(
      `${(PLATFORM_LABELS[e.online_platform] ?? PLATFORM_LABELS.other!)[locale]} (${T.onlineShort[locale]})`,
    );
  if (where.length) lines.push(`📍 ${where.join(' · ')}`);
  lines.push(`${T.waInfo[locale]}: ${url}`);
  return lines.join('\n');
}

export const whatsAppLink = (text: string) => `https://wa.me/?text=${encodeURIComponent(text)}`;

/** One line for meta descriptions and previews: theme or summary, then when and where. */
export function metaDescription(e: EventRow, locale: Locale): string {
  const parts = [e.theme ?? e.summary, formatDateTime(e.starts_at, e.timezone, locale), e.venue_name].filter(
    Boolean,
  );
  return parts.join(' · ').slice(0, 300);
}
