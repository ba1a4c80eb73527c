import type { Kysely } from 'kysely';

// One row per (event, contact) an announcement went to: the primary key makes a double click, a
// retry or two organizers at once send each person at most one message per event.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('announcement_deliveries')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('contact', 'text', (c) => c.notNull())
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('sent_by', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('announcement_deliveries_pk', ['event_id', 'contact'])
    .execute();
  // A person who says "no more news" is never announced to again, from any of their registrations.
  await db.schema
    .createTable('announcement_optouts')
    .addColumn('contact', 'text', (c) => c.primaryKey())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('announcement_optouts').ifExists().execute();
  await db.schema.dropTable('announcement_deliveries').ifExists().execute();
}
