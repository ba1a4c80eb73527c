import type { Insertable, Selectable, Updateable } from 'kysely';
import { writeAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';
import { prepared } from '../../db/prepared.js';
import type { EventsTable, OrganizationsTable } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';

export type EventRow = Selectable<EventsTable>;
export type OrgRow = Selectable<OrganizationsTable>;

// By id alone, compiled once (src/db/prepared.ts): the ticket page reads its event on every view.
const byId = prepared((db, id: string) => db.selectFrom('events').selectAll().where('id', '=', id));

export const eventsRepository = {
  findById: (db: Db, id: string) => byId.first(db, id),

  /** `:id` accepts the id or the slug everywhere. */
  findByIdOrSlug: (db: Db, idOrSlug: string) =>
    db
      .selectFrom('events')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug.toLowerCase())]))
      .executeTakeFirst(),

  slugExists: async (db: Db, slug: string) =>
    !!(await db.selectFrom('events').select('id').where('slug', '=', slug).executeTakeFirst()),

  insert: (db: Db, row: Insertable<EventsTable>) => db.insertInto('events').values(row).execute(),

  update: (db: Db, id: string, patch: Updateable<EventsTable>) =>
    db.updateTable('events').set(patch).where('id', '=', id).execute(),

  /** Sets a banner only where there is none; true if set. `updated_at` moves so cached pages are rebuilt. */
  setBannerIfNone: async (db: Db, id: string, path: string) =>
    (
      await db
        .updateTable('events')
        .set({ banner_path: path, updated_at: Date.now() })
        .where('id', '=', id)
        .where('banner_path', 'is', null)
        .executeTakeFirst()
    ).numUpdatedRows > 0n,

  /** Deletes the event and writes who did it to the audit log (which has no foreign key, so it stays). */
  deleteWithAudit: (
    db: Db,
    event: { id: string; slug: string; title: string },
    actorId: string,
    auditId: string,
  ) =>
    inTransaction(db, async (trx) => {
      await trx.deleteFrom('events').where('id', '=', event.id).execute();
      await writeAudit(trx, {
        id: auditId,
        event_id: event.id,
        actor_user_id: actorId,
        action: 'event.deleted',
        target: event.slug,
        data: { title: event.title },
      });
    }),

  listPublished: (db: Db, opts: { orgId?: string; limit?: number } = {}) =>
    db
      .selectFrom('events')
      .selectAll()
      .where('status', '=', 'published')
      .$if(!!opts.orgId, (q) => q.where('org_id', '=', opts.orgId!))
      .orderBy('starts_at', 'desc')
      .limit(opts.limit ?? 200)
      .execute(),

  /** Everything for admins; otherwise published events plus those the user created or is on the team of. */
  listForUser: (db: Db, userId: string, isAdmin: boolean) =>
    db
      .selectFrom('events')
      .selectAll()
      .$if(!isAdmin, (q) =>
        q.where((eb) =>
          eb.or([
            eb('status', '=', 'published'),
            eb('created_by', '=', userId),
            eb('id', 'in', eb.selectFrom('event_team').select('event_id').where('user_id', '=', userId)),
          ]),
        ),
      )
      .orderBy('starts_at', 'desc')
      .limit(500)
      .execute(),

  teamRole: async (db: Db, eventId: string, userId: string) =>
    (
      await db
        .selectFrom('event_team')
        .select('role')
        .where('event_id', '=', eventId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    )?.role ?? null,

  /** The user's team role on each of the given events that has one. */
  teamRoles: async (db: Db, eventIds: string[], userId: string) => {
    const out = new Map<string, 'organizer' | 'moderator' | 'checkin'>();
    if (!eventIds.length) return out;
    const rows = await db
      .selectFrom('event_team')
      .select(['event_id', 'role'])
      .where('user_id', '=', userId)
      .where('event_id', 'in', eventIds)
      .execute();
    for (const r of rows) out.set(r.event_id, r.role);
    return out;
  },

  listTeam: (db: Db, eventId: string) =>
    db
      .selectFrom('event_team')
      .innerJoin('users', 'users.id', 'event_team.user_id')
      .select(['users.id', 'users.email', 'users.name', 'event_team.role'])
      .where('event_team.event_id', '=', eventId)
      .orderBy('users.name')
      .execute(),

  upsertTeamMember: (db: Db, eventId: string, userId: string, role: 'organizer' | 'moderator' | 'checkin') =>
    db
      .insertInto('event_team')
      .values({ event_id: eventId, user_id: userId, role })
      .onConflict((oc) => oc.columns(['event_id', 'user_id']).doUpdateSet({ role }))
      .execute(),

  removeTeamMember: (db: Db, eventId: string, userId: string) =>
    db.deleteFrom('event_team').where('event_id', '=', eventId).where('user_id', '=', userId).execute(),

  /** Membership is the orgs module's table; read here so the events service needs no orgs service. */
  isOrgMember: async (db: Db, orgId: string, userId: string) =>
    !!(await db
      .selectFrom('org_members')
      .select('role')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .executeTakeFirst()),
  findOrg: (db: Db, idOrSlug: string) =>
    db
      .selectFrom('organizations')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug)]))
      .executeTakeFirst(),

  listOrgs: (db: Db) => db.selectFrom('organizations').selectAll().orderBy('name').execute(),

  insertOrg: (db: Db, row: Insertable<OrganizationsTable>) =>
    db.insertInto('organizations').values(row).execute(),

  updateOrg: (db: Db, id: string, patch: Updateable<OrganizationsTable>) =>
    db.updateTable('organizations').set(patch).where('id', '=', id).execute(),

  orgsByIds: (db: Db, ids: string[]) =>
    ids.length
      ? db.selectFrom('organizations').selectAll().where('id', 'in', ids).execute()
      : Promise.resolve([]),

  partners: (db: Db, eventIds: string[]) =>
    eventIds.length
      ? db
          .selectFrom('event_partners')
          .innerJoin('organizations', 'organizations.id', 'event_partners.org_id')
          .selectAll('organizations')
          .select(['event_partners.event_id', 'event_partners.position'])
          .where('event_partners.event_id', 'in', eventIds)
          .orderBy('event_partners.position')
          .execute()
      : Promise.resolve([]),

  setPartners: async (db: Db, eventId: string, orgIds: string[]) => {
    await inTransaction(db, async (trx) => {
      await trx.deleteFrom('event_partners').where('event_id', '=', eventId).execute();
      if (orgIds.length) {
        await trx
          .insertInto('event_partners')
          .values(orgIds.map((org_id, position) => ({ event_id: eventId, org_id, position })))
          .execute();
      }
    });
  },
};
