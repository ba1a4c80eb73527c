import { type Kysely, sql } from 'kysely';

// Registration settings per event, the capacity counters, the seat plan with its usable seats, and invitations.
// The counter row per (event, mode) is what every confirmation locks and conditionally increments, so
// "never more confirmed than the capacity" holds under any concurrency on both engines.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('registration_settings')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('opens_at', 'bigint')
    .addColumn('closes_at', 'bigint')
    .addColumn('approval', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('waitlist', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('seat_mode', 'text', (c) => c.notNull().defaultTo('registration'))
    .addColumn('questions', 'text')
    .addColumn('privacy_controller', 'text')
    .addColumn('privacy_contact', 'text')
    .addColumn('privacy_purpose', 'text')
    .addColumn('retention_days', 'integer', (c) => c.notNull().defaultTo(365))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('registration_counters')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('mode', 'text', (c) => c.notNull())
    .addColumn('taken', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('registration_counters_pk', ['event_id', 'mode'])
    .addCheckConstraint('registration_counters_taken_ck', sql`taken >= 0`)
    .execute();

  await db.schema
    .createTable('seat_plans')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('layout', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('usable_count', 'integer', (c) => c.notNull())
    .addColumn('reserved_count', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  // Only the seats the distancing rule leaves usable are rows here: a seat that breaks the rule cannot be named.
  await db.schema
    .createTable('seats')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('col_no', 'integer', (c) => c.notNull())
    .addColumn('reserved', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('seats_pk', ['event_id', 'label'])
    .execute();
  await db.schema
    .createIndex('seats_order_idx')
    .on('seats')
    .columns(['event_id', 'reserved', 'row_no', 'col_no'])
    .execute();

  await db.schema
    .createTable('invitations')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('front_titles', 'text')
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('back_titles', 'text')
    .addColumn('position', 'text')
    .addColumn('institution', 'text')
    .addColumn('email', 'text')
    .addColumn('phone', 'text')
    .addColumn('seat_id', 'text')
    .addColumn('status', 'text', (c) => c.notNull().defaultTo('invited'))
    .addColumn('registration_id', 'text')
    .addColumn('note', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('responded_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('invitations_event_idx')
    .on('invitations')
    .columns(['event_id', 'status'])
    .execute();
  // A reserved seat belongs to one guest at a time.
  await db.schema
    .createIndex('invitations_event_seat_uq')
    .on('invitations')
    .columns(['event_id', 'seat_id'])
    .unique()
    .where('seat_id', 'is not', null)
    .execute();
  // The waitlist is read in order of arrival, per mode.
  await db.schema
    .createIndex('registrations_waitlist_idx')
    .on('registrations')
    .columns(['event_id', 'mode', 'status', 'waitlist_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registrations_waitlist_idx').ifExists().execute();
  for (const t of ['invitations', 'seats', 'seat_plans', 'registration_counters', 'registration_settings']) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
