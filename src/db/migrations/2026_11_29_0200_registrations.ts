import type { Kysely } from 'kysely';

// One row per person per event, whatever the mode: the ticket, and the anchor of attendance,
// questions, evaluation and certificates. Invariants live here as unique indexes.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registrations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('ticket_code', 'text', (c) => c.notNull().unique())
    .addColumn('front_titles', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('back_titles', 'text')
    .addColumn('institution', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull().defaultTo('self'))
    .addColumn('seat_id', 'text')
    .addColumn('waitlist_at', 'bigint')
    .addColumn('answers', 'text')
    .addColumn('consents', 'text')
    .addColumn('locale', 'text', (c) => c.notNull().defaultTo('id'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('confirmed_at', 'bigint')
    .addColumn('cancelled_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('registrations_event_idx')
    .on('registrations')
    .columns(['event_id', 'status', 'mode'])
    .execute();
  // Registering twice with the same e-mail or phone returns the existing ticket: enforced here.
  await db.schema
    .createIndex('registrations_event_email_uq')
    .on('registrations')
    .columns(['event_id', 'email'])
    .unique()
    .where('email', 'is not', null)
    .execute();
  await db.schema
    .createIndex('registrations_event_phone_uq')
    .on('registrations')
    .columns(['event_id', 'phone'])
    .unique()
    .where('phone', 'is not', null)
    .execute();
  // Never one seat for two people.
  await db.schema
    .createIndex('registrations_event_seat_uq')
    .on('registrations')
    .columns(['event_id', 'seat_id'])
    .unique()
    .where('seat_id', 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('registrations').ifExists().execute();
}
