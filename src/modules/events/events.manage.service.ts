import type { AppContext } from '../../context.js';
import { isUniqueViolation } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { AuthUser } from '../../http/types.js';
import { newId } from '../../shared/ids.js';
import { copyImage, removeImage, storeImage } from '../uploads/index.js';
import { type EventGraph, eventGraphRepository as graph } from './events.graph.repository.js';
import type { DuplicateInput } from './events.manage.schemas.js';
import { presentOrg } from './events.presenter.js';
import { type EventRow, eventsRepository as repo } from './events.repository.js';
import type { TEAM_ROLES } from './events.schemas.js';
import type { EventsService } from './events.service.js';
import { teamUsersRepository as users } from './events.team.repository.js';

type TeamRole = (typeof TEAM_ROLES)[number];

/**
 * Partners, team, banner and duplication: the parts of an event an organizer manages beyond its
 * own fields. Every change bumps the event's `updated_at`, which the public page cache keys on.
 */
export function createEventsManageService(ctx: AppContext, deps: { events: EventsService }) {
  const { db, bus, config } = ctx;
  const { events } = deps;

  async function changed(event: EventRow, actor: AuthUser) {
    await graph.touch(db, event.id);
    await bus.emit('event.updated', { eventId: event.id, actorId: actor.id });
  }

  const service = {
    async partners(event: EventRow) {
      return (await repo.partners(db, [event.id])).map(presentOrg);
    },

    async setPartners(event: EventRow, orgIds: string[], actor: AuthUser) {
      const ids = [...new Set(orgIds)];
      const found = new Set((await repo.orgsByIds(db, ids)).map((o) => o.id));
      const unknown = ids.filter((id) => !found.has(id));
      if (unknown.length) {
        throw errors.validation({
          id: `orgIds: organisasi ${unknown.join(', ')} tidak dikenal. Buat dulu lewat /api/v1/organizations.`,
          en: `orgIds: unknown organization ${unknown.join(', ')}. Create it first through /api/v1/organizations.`,
        });
      }
      await repo.setPartners(db, event.id, ids);
      await changed(event, actor);
      return service.partners(event);
    },

    async team(event: EventRow) {
      const members = await repo.listTeam(db, event.id);
      const out = members.map((m) => ({
        userId: m.id,
        email: m.email,
        name: m.name,
        role: m.role as TeamRole,
        isCreator: false,
      }));
      if (event.created_by && !members.some((m) => m.id === event.created_by)) {
        const creator = await users.byId(db, event.created_by);
        if (creator)
          out.unshift({
            userId: creator.id,
            email: creator.email,
            name: creator.name,
            role: 'organizer',
            isCreator: true,
          });
      }
      return out;
    },

    async addTeamMember(event: EventRow, email: string, role: TeamRole, actor: AuthUser) {
      const user = await users.byEmail(db, email);
      if (!user) throw errors.teamUserUnknown(email);
      if (user.id === event.created_by) throw errors.teamCreator();
      await repo.upsertTeamMember(db, event.id, user.id, role);
      await changed(event, actor);
      return service.team(event);
    },

    async removeTeamMember(
      event: EventRow,
      who: { userId?: string | undefined; email?: string | undefined },
      actor: AuthUser,
    ) {
      const user = who.userId
        ? await users.byId(db, who.userId)
        : who.email
          ? await users.byEmail(db, who.email)
          : undefined;
      if (user && user.id === event.created_by) throw errors.teamCreator();
      if (user) await repo.removeTeamMember(db, event.id, user.id);
      await changed(event, actor);
      return service.team(event);
    },

    /**
     * Puts a user on the team with `role` (or changes their role), without the checks and the
     * notification of `addTeamMember`: for the demo seed and for setting up fixtures.
     */
    setTeamRole: (eventId: string, userId: string, role: TeamRole) =>
      repo.upsertTeamMember(db, eventId, userId, role),

    /** Sets a banner only where there is none (the demo never replaces an uploaded one); true if set. */
    setBannerIfNone: (eventId: string, path: string) => repo.setBannerIfNone(db, eventId, path),

    /** Writes an event with its partners, team, people and rundown, all or nothing (the demo seed). */
    insertGraph: (g: EventGraph) => graph.insert(db, g),

    /** Stores the new banner first, then points the event at it, then deletes the old file. */
    async setBanner(event: EventRow, image: Buffer, actor: AuthUser): Promise<EventRow> {
      const stored = await storeImage(config.dataDir, image, 'banner');
      try {
        await repo.update(db, event.id, { banner_path: stored.path, updated_at: Date.now() });
      } catch (err) {
        await removeImage(config.dataDir, stored.path);
        throw err;
      }
      await removeImage(config.dataDir, event.banner_path);
      await bus.emit('event.updated', { eventId: event.id, actorId: actor.id });
      return (await repo.findByIdOrSlug(db, event.id))!;
    },

    async removeBanner(event: EventRow, actor: AuthUser): Promise<EventRow> {
      await repo.update(db, event.id, { banner_path: null, updated_at: Date.now() });
      await removeImage(config.dataDir, event.banner_path);
      await bus.emit('event.updated', { eventId: event.id, actorId: actor.id });
      return (await repo.findByIdOrSlug(db, event.id))!;
    },

    /**
     * The next event of a series: details, people, rundown (moved with the new start), partners and
     * team are copied into a new draft with a new slug; registrations and everything after are not.
     */
    async duplicate(source: EventRow, input: DuplicateInput, actor: AuthUser): Promise<EventRow> {
      if (input.slug && (await repo.slugExists(db, input.slug))) throw errors.slugTaken(input.slug);
      const title = input.title ?? source.title;
      const slug = input.slug ?? (await events.uniqueSlug(title));
      const shift = input.startsAt - source.starts_at;
      const now = Date.now();
      const old = await graph.load(db, source.id);
      const eventId = newId();
      const personIds = new Map(old.people.map((p) => [p.id, newId()]));
      const itemIds = new Map(old.agenda.map((a) => [a.id, newId()]));
      const banner = source.banner_path ? await copyImage(config.dataDir, source.banner_path) : null;
      const team = old.team.filter((m) => m.user_id !== actor.id);
      // Whoever created the original keeps organizing the copy when someone else makes it.
      if (
        source.created_by &&
        source.created_by !== actor.id &&
        !team.some((m) => m.user_id === source.created_by)
      ) {
        team.push({ user_id: source.created_by, role: 'organizer' });
      }
      try {
        await graph.insert(
          db,
          {
            event: {
              ...source,
              id: eventId,
              slug,
              title,
              starts_at: input.startsAt,
              ends_at: input.endsAt,
              timezone: input.timezone ?? source.timezone,
              banner_path: banner,
              status: 'draft',
              created_by: actor.id,
              created_at: now,
              updated_at: now,
            },
            partnerOrgIds: old.partners.map((p) => p.org_id),
            team,
            people: old.people.map((p) => ({
              ...p,
              id: personIds.get(p.id)!,
              event_id: eventId,
              created_at: now,
            })),
            // Copied as they are, then moved to the new day by the same path as an edited start.
            agenda: old.agenda.map((a) => ({
              ...a,
              id: itemIds.get(a.id)!,
              event_id: eventId,
              created_at: now,
            })),
            agendaPeople: old.agendaPeople
              .filter((l) => itemIds.has(l.agenda_item_id) && personIds.has(l.person_id))
              .map((l) => ({
                agenda_item_id: itemIds.get(l.agenda_item_id)!,
                person_id: personIds.get(l.person_id)!,
                position: l.position,
              })),
          },
          (trx) => events.moveSchedule(trx, eventId, shift),
        );
      } catch (err) {
        await removeImage(config.dataDir, banner);
        if (isUniqueViolation(err)) throw errors.slugTaken(slug);
        throw err;
      }
      await bus.emit('event.created', { eventId, actorId: actor.id });
      return (await repo.findByIdOrSlug(db, eventId))!;
    },
  };
  return service;
}

export type EventsManageService = ReturnType<typeof createEventsManageService>;
