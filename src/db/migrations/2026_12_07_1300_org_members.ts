import { type Kysely, sql } from 'kysely';

// Organizations could be borrowed: any organizer could put an event under any organization and so reach
// the consenting past attendees of its events (announcements) and its public page. Membership decides now:
// owners manage members, organizers put events under the organization. Existing organizations are owned
// by their creator.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('org_members')
    .addColumn('org_id', 'text', (c) => c.notNull().references('organizations.id').onDelete('cascade'))
    .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
    .addColumn('role', 'text', (c) => c.notNull().check(sql`role in ('owner', 'organizer')`))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('org_members_pk', ['org_id', 'user_id'])
    .execute();
  await db.schema.createIndex('org_members_user').on('org_members').columns(['user_id', 'org_id']).execute();
  const owned = await db
    .selectFrom('organizations')
    .select(['id', 'created_by', 'created_at'])
    .where('created_by', 'is not', null)
    .execute();
  for (const o of owned) {
    await db
      .insertInto('org_members')
      .values({ org_id: o.id, user_id: o.created_by, role: 'owner', created_at: o.created_at })
      .execute();
  }
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('org_members').execute();
}
