import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { OrganizationsTable } from '../../db/schema.js';

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
};
