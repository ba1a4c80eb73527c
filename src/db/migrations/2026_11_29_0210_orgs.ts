import type { Kysely } from 'kysely';

// Organization pages need a short description, and only the organizer who created an organization
// (or an admin) may change it or its logo.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').addColumn('description', 'text').execute();
  await db.schema
    .alterTable('organizations')
    .addColumn('created_by', 'text', (c) => c.references('users.id').onDelete('set null'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('organizations').dropColumn('created_by').execute();
  await db.schema.alterTable('organizations').dropColumn('description').execute();
}
