import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors } from '../../errors.js';
import { newId } from '../../shared/ids.js';
import type { EventGraph, EventsManageService, EventsService } from '../events/index.js';
import type { OrgsService } from '../orgs/index.js';
import { type ImageKind, removeImage, storeImage } from '../uploads/index.js';
import {
  at,
  DEMO_AGENDA,
  DEMO_BANNER_LINE,
  DEMO_BANNER_TAG,
  DEMO_EVENT,
  DEMO_LOGOS,
  DEMO_ORGS,
  DEMO_PEOPLE,
  DEMO_SLUG,
  DEMO_TZ,
} from './demo.data.js';
import { bannerSvg, logoSvg, rasterize } from './demo.images.js';
import { nextWebinarGraph } from './demo.next.js';
import { demoRepository } from './demo.repository.js';
import { NEXT_WEBINAR } from './demo.story.data.js';
import { type StoryDeps, writeStory } from './demo.story.js';

export { DEMO_SLUG };

/**
 * The seed seminar as a published demo event (`npx aula demo`, the console's button). Written through
 * the events and organizations services; idempotent and safe to run twice at once.
 */
export function createDemoService(
  ctx: AppContext,
  deps: { events: EventsService; eventsManage: EventsManageService; orgs: OrgsService } & StoryDeps,
) {
  const { db } = ctx;
  const { events, eventsManage, orgs } = deps;

  /**
   * Stores a generated picture through the uploads pipeline and points the row at it, unless the row got
   * one meanwhile (a concurrent load, or a logo someone uploaded): then the new file is removed again.
   */
  async function attachImage(
    dataDir: string,
    svg: string,
    kind: ImageKind,
    attach: (path: string) => Promise<boolean>,
  ): Promise<void> {
    const stored = await storeImage(dataDir, await rasterize(svg), kind);
    let attached = false;
    try {
      attached = await attach(stored.path);
    } finally {
      if (!attached) await removeImage(dataDir, stored.path);
    }
  }

  /** Logos for the three organizations and the banner, where they have none yet. */
  async function ensureImages(dataDir: string): Promise<void> {
    for (const o of [DEMO_ORGS.owner, ...DEMO_ORGS.partners]) {
      const org = await orgs.find(o.slug);
      if (!org || org.logo_path) continue;
      await attachImage(dataDir, logoSvg(DEMO_LOGOS[o.slug]), 'logo', (path) =>
        orgs.setLogoIfNone(org.id, path),
      );
    }
    const event = await events.find(DEMO_SLUG);
    if (event && !event.banner_path) {
      const svg = bannerSvg({ title: DEMO_EVENT.title, subtitle: DEMO_BANNER_LINE, tag: DEMO_BANNER_TAG });
      await attachImage(dataDir, svg, 'banner', (path) => eventsManage.setBannerIfNone(event.id, path));
    }
  }

  async function loadGraph(opts: { ownerEmail: string | null }): Promise<{ slug: string }> {
    const owner = opts.ownerEmail ? await demoRepository.userByEmail(db, opts.ownerEmail) : null;
    if (opts.ownerEmail && !owner) throw errors.teamUserUnknown(opts.ownerEmail);
    const ownerId = owner?.id ?? null;

    const existing = await events.find(DEMO_SLUG);
    if (existing) {
      if (ownerId && existing.created_by !== ownerId && !(await events.teamRoleOf(existing.id, ownerId))) {
        await eventsManage.setTeamRole(existing.id, ownerId, 'organizer');
      }
      return { slug: DEMO_SLUG };
    }

    const ownerOrg = await orgs.ensure(DEMO_ORGS.owner, ownerId);
    const partners = [];
    for (const p of DEMO_ORGS.partners) partners.push(await orgs.ensure(p, ownerId));

    try {
      await eventsManage.insertGraph(
        demoGraph(
          ownerOrg.id,
          partners.map((p) => p.id),
          ownerId,
        ),
      );
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
      // Another load won the race: take the "already there" path (which gives this owner access).
      return loadGraph(opts);
    }
    return { slug: DEMO_SLUG };
  }

  /** The series' next webinar, once (its fixed slug arbitrates two loads at once). */
  async function ensureNext(ownerId: string | null): Promise<void> {
    if (await events.find(NEXT_WEBINAR.slug)) return;
    const owner = await orgs.find(DEMO_ORGS.owner.slug);
    if (!owner) return;
    const partners = [];
    for (const p of DEMO_ORGS.partners) {
      const o = await orgs.find(p.slug);
      if (o) partners.push(o.id);
    }
    try {
      await eventsManage.insertGraph(nextWebinarGraph(owner.id, partners, ownerId, Date.now()));
    } catch (err) {
      if (!isUniqueViolation(err)) throw err;
    }
  }

  /** The day itself (see demo.story.ts), written by the owner or else the first staff account. */
  async function ensureStory(ownerEmail: string | null): Promise<void> {
    const user = ownerEmail
      ? await demoRepository.userByEmail(db, ownerEmail)
      : await demoRepository.firstStaff(db);
    const event = await events.find(DEMO_SLUG);
    if (!user || !event) return;
    const actor = {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      via: 'token' as const,
      csrf: null,
    };
    await writeStory(ctx, deps, event, actor);
  }

  return {
    /**
     * Builds the seed seminar as a published demo event. Idempotent: the slug is fixed, so a second run
     * finds the event and only makes sure the given owner can organize it. With `dataDir`, the three
     * organizations get placeholder logos and the event a banner, where they have none (so a demo loaded
     * before pictures existed gets them on the next run, and an uploaded logo is never replaced).
     */
    async load(opts: { ownerEmail: string | null; dataDir?: string }): Promise<{ slug: string }> {
      const result = await loadGraph(opts);
      if (opts.dataDir) await ensureImages(opts.dataDir);
      // The day (attendance, questions, evaluations, certificates, photos) comes with the pictures: the console
      // button and `aula demo` pass a data directory; tests that build on the bare seminar do not.
      if (opts.dataDir) await ensureStory(opts.ownerEmail);
      await ensureNext((await events.find(DEMO_SLUG))?.created_by ?? null);
      return result;
    },
  };
}

/** The seed seminar as one event graph: the event, its partners, people and rundown, with new ids. */
function demoGraph(orgId: string, partnerOrgIds: string[], ownerId: string | null): EventGraph {
  const now = Date.now();
  const eventId = newId();
  const personIds = new Map(DEMO_PEOPLE.map((p) => [p.key, newId()]));
  const agenda = DEMO_AGENDA.map((a) => ({ ...a, id: newId() }));
  return {
    event: {
      id: eventId,
      slug: DEMO_SLUG,
      org_id: orgId,
      series: DEMO_EVENT.series,
      title: DEMO_EVENT.title,
      theme: DEMO_EVENT.theme,
      summary: DEMO_EVENT.summary,
      description: DEMO_EVENT.description,
      starts_at: DEMO_EVENT.starts_at,
      ends_at: DEMO_EVENT.ends_at,
      timezone: DEMO_TZ,
      venue_name: DEMO_EVENT.venue_name,
      venue_address: DEMO_EVENT.venue_address,
      venue_map_url: null,
      venue_capacity: DEMO_EVENT.venue_capacity,
      online_platform: DEMO_EVENT.online_platform,
      online_join_url: DEMO_EVENT.online_join_url,
      online_stream_url: null,
      online_capacity: null,
      banner_path: null,
      city: DEMO_EVENT.city,
      status: 'published',
      created_by: ownerId,
      created_at: now,
      updated_at: now,
    },
    partnerOrgIds,
    team: [],
    people: DEMO_PEOPLE.map(({ key, ...p }, sort) => ({
      ...p,
      id: personIds.get(key)!,
      event_id: eventId,
      email: null,
      sort,
      created_at: now,
    })),
    agenda: agenda.map((a) => ({
      id: a.id,
      event_id: eventId,
      starts_at: at(a.from),
      ends_at: at(a.to),
      kind: a.kind,
      title: a.title,
      notes: a.notes ?? null,
      created_at: now,
    })),
    agendaPeople: agenda.flatMap((a) =>
      a.people.map((key, position) => ({ agenda_item_id: a.id, person_id: personIds.get(key)!, position })),
    ),
  };
}
