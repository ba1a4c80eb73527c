import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OrganizationsTable } from '../../db/schema.js';
import type { OrgRole } from './orgs.tables.js';

export type OrganizationRow = Selectable<OrganizationsTable>;

export const orgsRepository = {
  findByIdOrSlug: (db: Db, idOrSlug: string) =>
    db
      .selectFrom('organizations')
      .selectAll()
      .where((eb) => eb.or([eb('id', '=', idOrSlug), eb('slug', '=', idOrSlug.toLowerCase())]))
      .executeTakeFirst(),
  findBySlug: (db: Db, slug: string) =>
    db.selectFrom('organizations').selectAll().where('slug', '=', slug).executeTakeFirst(),
  slugExists: async (db: Db, slug: string) =>
    !!(await db.selectFrom('organizations').select('id').where('slug', '=', slug).executeTakeFirst()),
  list: (db: Db) => db.selectFrom('organizations').selectAll().orderBy('name').limit(1000).execute(),
  insert: (db: Db, row: Insertable<OrganizationsTable>) =>
    db.insertInto('organizations').values(row).execute(),
  update: (db: Db, id: string, patch: Updateable<OrganizationsTable>) =>
    db.updateTable('organizations').set(patch).where('id', '=', id).execute(),
  /** Sets a logo only where there is none (the demo never replaces a logo someone uploaded); true if set. */
  setLogoIfNone: async (db: Db, id: string, path: string) =>
    (
      await db
        .updateTable('organizations')
        .set({ logo_path: path })
        .where('id', '=', id)
        .where('logo_path', 'is', null)
        .executeTakeFirst()
    ).numUpdatedRows > 0n,

  role: async (db: Db, orgId: string, userId: string): Promise<OrgRole | null> =>
    (
      await db
        .selectFrom('org_members')
        .select('role')
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .executeTakeFirst()
    )?.role ?? null,
  orgIdsOf: async (db: Db, userId: string) =>
    (await db.selectFrom('org_members').select('org_id').where('user_id', '=', userId).execute()).map(
      (r) => r.org_id,
    ),
  members: (db: Db, orgId: string) =>
    db
      .selectFrom('org_members')
      .innerJoin('users', 'users.id', 'org_members.user_id')
      .select(['users.id', 'users.email', 'users.name', 'org_members.role'])
      .where('org_members.org_id', '=', orgId)
      .orderBy('org_members.created_at')
      .execute(),
  userByEmail: (db: Db, email: string) =>
    db.selectFrom('users').select(['id', 'role']).where('email', '=', email.toLowerCase()).executeTakeFirst(),
  /** Adds a member or changes their role (one row per person and organization: the primary key). */
  putMember: (db: Db, orgId: string, userId: string, role: OrgRole) =>
    db
      .insertInto('org_members')
      .values({ org_id: orgId, user_id: userId, role, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['org_id', 'user_id']).doUpdateSet({ role }))
      .execute(),
  /**
   * Takes the organization's row lock (a no-op write): membership changes of one organization run one
   * after another, so each sees the owners the previous one left (PostgreSQL's READ COMMITTED would
   * otherwise let two owners remove each other at once).
   */
  lock: (db: Db, orgId: string) =>
    db
      .updateTable('organizations')
      .set((eb) => ({ id: eb.ref('id') }))
      .where('id', '=', orgId)
      .execute(),
  /**
   * Removes a member, or (`demoteTo`) changes an owner's role, unless that leaves the organization
   * without an owner (call under `lock`).
   */
  removeMember: async (db: Db, orgId: string, userId: string, demoteTo: OrgRole | null) => {
    const anotherOwner = db
      .selectFrom('org_members as o')
      .select('o.user_id')
      .where('o.org_id', '=', orgId)
      .where('o.role', '=', 'owner')
      .where('o.user_id', '!=', userId);
    if (demoteTo) {
      const r = await db
        .updateTable('org_members')
        .set({ role: demoteTo })
        .where('org_id', '=', orgId)
        .where('user_id', '=', userId)
        .where((eb) => eb.or([eb('role', '!=', 'owner'), eb.exists(anotherOwner)]))
        .executeTakeFirst();
      return r.numUpdatedRows > 0n;
    }
    const r = await db
      .deleteFrom('org_members')
      .where('org_id', '=', orgId)
      .where('user_id', '=', userId)
      .where((eb) => eb.or([eb('role', '!=', 'owner'), eb.exists(anotherOwner)]))
      .executeTakeFirst();
    return r.numDeletedRows > 0n;
  },
};
