import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { inTransaction, type Tx } from '../../db/transaction.js';
import { errors, what } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId, slugify } from '../../shared/ids.js';
import { removeGeneratedFiles } from '../uploads/index.js';
import { eventGraphRepository as graph } from './events.graph.repository.js';
import { allows, eventRolesOf } from './events.policy.js';
import { presentEvent } from './events.presenter.js';
import { type EventRow, type OrgRow, eventsRepository as repo } from './events.repository.js';
import type { CreateEventInput, EventDto, UpdateEventInput } from './events.schemas.js';

function columnsFrom(input: UpdateEventInput) {
  const c: Partial<EventRow> = {};
  if (input.title !== undefined) c.title = input.title;
  if (input.slug !== undefined) c.slug = input.slug;
  if (input.theme !== undefined) c.theme = input.theme;
  if (input.summary !== undefined) c.summary = input.summary;
  if (input.description !== undefined) c.description = input.description;
  if (input.startsAt !== undefined) c.starts_at = input.startsAt;
  if (input.endsAt !== undefined) c.ends_at = input.endsAt;
  if (input.timezone !== undefined) c.timezone = input.timezone;
  if (input.onlineCapacity !== undefined) c.online_capacity = input.onlineCapacity ?? null;
  if (input.orgId !== undefined) c.org_id = input.orgId ?? null;
  if (input.series !== undefined) c.series = input.series;
  if (input.city !== undefined) c.city = input.city;
  if (input.venue !== undefined) {
    c.venue_name = input.venue?.name ?? null;
    c.venue_address = input.venue?.address ?? null;
    c.venue_map_url = input.venue?.mapUrl ?? null;
    c.venue_capacity = input.venue?.capacity ?? null;
  }
  if (input.online !== undefined) {
    c.online_platform = input.online?.platform ?? null;
    c.online_join_url = input.online?.joinUrl ?? null;
    c.online_stream_url = input.online?.streamUrl ?? null;
  }
  return c;
}

export function createEventsService(ctx: AppContext) {
  const { db, bus, config } = ctx;

  async function uniqueSlug(base: string): Promise<string> {
    const root = slugify(base) || 'acara';
    let slug = root.length >= 3 ? root : `${root}-acara`;
    for (let i = 2; await repo.slugExists(db, slug); i++) slug = `${root}-${i}`;
    return slug;
  }

  /**
   * The organization an event goes under, by id: only its members (and admins) may put an event there,
   * since its page and its past attendees' news consent come with it (issue 13). An event that is
   * already under it keeps it when a team member who is not a member edits other fields.
   */
  async function orgIdFor(orgId: string | null | undefined, actor: AuthUser, current: string | null) {
    if (!orgId) return orgId;
    const org = await repo.findOrg(db, orgId);
    if (!org) throw errors.notFound(what.organization);
    if (org.id !== current && actor.role !== 'admin' && !(await repo.isOrgMember(db, org.id, actor.id)))
      throw errors.orgNotMember(org.name);
    return org.id;
  }

  const service = {
    async present(events: EventRow[], user: AuthUser | null): Promise<EventDto[]> {
      const orgIds = [...new Set(events.map((e) => e.org_id).filter((x): x is string => !!x))];
      const [orgs, partners, roles] = await Promise.all([
        repo.orgsByIds(db, orgIds),
        repo.partners(
          db,
          events.map((e) => e.id),
        ),
        eventRolesOf(db, events, user),
      ]);
      const orgById = new Map(orgs.map((o) => [o.id, o]));
      const partnersOf = new Map<string, OrgRow[]>();
      for (const p of partners) {
        const list = partnersOf.get(p.event_id);
        if (list) list.push(p);
        else partnersOf.set(p.event_id, [p]);
      }
      return events.map((e) =>
        presentEvent(e, {
          publicUrl: config.publicUrl,
          org: (e.org_id && orgById.get(e.org_id)) || null,
          partners: partnersOf.get(e.id) ?? [],
          includeJoinUrl: allows(e, roles.get(e.id) ?? null, 'moderate'),
        }),
      );
    },

    async presentOne(e: EventRow, user: AuthUser | null): Promise<EventDto> {
      return (await service.present([e], user))[0]!;
    },

    async create(given: CreateEventInput, actor: AuthUser): Promise<EventRow> {
      const input = { ...given, orgId: await orgIdFor(given.orgId, actor, null) };
      if (input.slug && (await repo.slugExists(db, input.slug))) throw errors.slugTaken(input.slug);
      const now = Date.now();
      const row: EventRow = {
        id: newId(),
        slug: input.slug ?? (await uniqueSlug(input.title)),
        org_id: null,
        series: null,
        title: input.title,
        theme: null,
        summary: null,
        description: null,
        starts_at: input.startsAt,
        ends_at: input.endsAt,
        timezone: input.timezone,
        venue_name: null,
        venue_address: null,
        venue_map_url: null,
        venue_capacity: null,
        online_platform: null,
        online_join_url: null,
        online_stream_url: null,
        online_capacity: null,
        banner_path: null,
        city: null,
        status: 'draft',
        created_by: actor.id,
        created_at: now,
        updated_at: now,
        ...columnsFrom(input),
      };
      try {
        await repo.insert(db, row);
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.slugTaken(row.slug);
        throw err;
      }
      await bus.emit('event.created', { eventId: row.id, actorId: actor.id });
      return row;
    },

    /**
     * Moves what every module keeps on the event's clock (rundown, attendance codes, stage timer) by `ms`, in
     * the caller's transaction: the one path for an edited start and for a duplicate on another day.
     */
    async moveSchedule(trx: Tx, eventId: string, ms: number) {
      if (ms === 0) return;
      for (const s of ctx.eventShifts) await s.shift(trx, eventId, ms);
    },

    /** What moving the start to `startsAt` would move, for the organizer's preview (empty: nothing to ask). */
    async schedulePreview(event: EventRow, startsAt: number) {
      const ms = startsAt - Number(event.starts_at);
      if (ms === 0) return { ms, parts: [] };
      const parts = await Promise.all(
        ctx.eventShifts.map(async (s) => ({ label: s.label, count: await s.count(db, event.id) })),
      );
      return { ms, parts: parts.filter((p) => p.count > 0) };
    },

    /**
     * Changes an event. A new start moves the event's day with it — rundown, codes, stage timer by the same
     * offset, in the same transaction — unless `moveSchedule: false` keeps them where they are.
     */
    async update(event: EventRow, given: UpdateEventInput, actor: AuthUser): Promise<EventRow> {
      const { moveSchedule = true, ...rest } = given;
      const input = { ...rest, orgId: await orgIdFor(rest.orgId, actor, event.org_id) };
      const patch = columnsFrom(input);
      const startsAt = patch.starts_at ?? event.starts_at;
      const endsAt = patch.ends_at ?? event.ends_at;
      if (endsAt <= startsAt) {
        throw errors.validation({
          id: 'Waktu selesai harus setelah waktu mulai.',
          en: 'The end must be after the start.',
        });
      }
      if (patch.slug && patch.slug !== event.slug && (await repo.slugExists(db, patch.slug))) {
        throw errors.slugTaken(patch.slug);
      }
      const shift = moveSchedule ? startsAt - Number(event.starts_at) : 0;
      try {
        await inTransaction(db, async (trx) => {
          await repo.update(trx, event.id, { ...patch, updated_at: Date.now() });
          await service.moveSchedule(trx, event.id, shift);
        });
      } catch (err) {
        if (isUniqueViolation(err)) throw errors.slugTaken(patch.slug ?? '');
        throw err;
      }
      await bus.emit('event.updated', { eventId: event.id, actorId: actor.id });
      return (await repo.findByIdOrSlug(db, event.id))!;
    },

    async setStatus(event: EventRow, status: 'draft' | 'published', actor: AuthUser): Promise<EventRow> {
      await repo.update(db, event.id, { status, updated_at: Date.now() });
      if (status === 'published') await bus.emit('event.published', { eventId: event.id, actorId: actor.id });
      // Back to draft changes what the public may see: caches on every node drop the page.
      else await bus.emit('event.updated', { eventId: event.id, actorId: actor.id });
      return (await repo.findByIdOrSlug(db, event.id))!;
    },

    /**
     * Deletes the event and, through the database's cascades, everything under it. The caller types the
     * event's address to confirm, because registrations, attendance and certificates go with it.
     */
    async remove(event: EventRow, confirm: string | undefined, actor: AuthUser): Promise<void> {
      if ((confirm ?? '').trim().toLowerCase() !== event.slug) throw errors.deleteConfirm(event.slug);
      // The files are listed before the rows that name them go; they are removed once the rows are gone.
      const files = [
        event.banner_path,
        ...(await Promise.all(ctx.eventFiles.map((list) => list(db, event.id)))).flat(),
      ];
      await repo.deleteWithAudit(db, event, actor.id, newId());
      await removeGeneratedFiles(config.dataDir, files);
      await bus.emit('event.deleted', { eventId: event.id, slug: event.slug, actorId: actor.id });
    },

    list: (user: AuthUser | null) =>
      user ? repo.listForUser(db, user.id, user.role === 'admin') : repo.listPublished(db),

    /**
     * The event by id or slug, without an access check: for callers that hold the id from their own
     * rows (a ticket, a certificate). Requests go through `loadEventFor`, which checks access.
     */
    find: (idOrSlug: string): Promise<EventRow | undefined> => repo.findByIdOrSlug(db, idOrSlug),
    /** The same by id alone (a row's `event_id`): one index look-up instead of two. */
    findById: (id: string): Promise<EventRow | undefined> => repo.findById(db, id),

    isSlugTaken: (slug: string) => repo.slugExists(db, slug),

    /** Published events, newest first (the public home and organization pages). */
    published: (opts: { orgId?: string; limit?: number } = {}) => repo.listPublished(db, opts),

    /** The organization that holds the event, if it names one. */
    orgOf: async (event: Pick<EventRow, 'org_id'>): Promise<OrgRow | undefined> =>
      event.org_id ? repo.findOrg(db, event.org_id) : undefined,

    orgsByIds: (ids: string[]) => repo.orgsByIds(db, ids),

    /** The event's partner organizations, in display order. */
    partnersOf: (eventId: string) => repo.partners(db, [eventId]),

    teamRoleOf: (eventId: string, userId: string) => repo.teamRole(db, eventId, userId),

    /** Moves `updated_at`, so pages cached by it are rebuilt (after a change to what hangs off the event). */
    touch: (eventId: string) => graph.touch(db, eventId),

    uniqueSlug,
  };
  return service;
}

export type EventsService = ReturnType<typeof createEventsService>;
