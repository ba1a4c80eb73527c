import type { Kysely } from 'kysely';

// Presence counts only inside the event's window: doors open some minutes before the start, the online room
// some minutes before, and both close a grace period after the end (per event, defaults in the columns).
// A door arrival keeps the time the device saw; `checkin_clock_skew` is how far that device's clock was from
// the server's when it sent the scan (ms, null when unknown), so a wrong clock is flagged, not corrected.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('attendance_settings')
    .addColumn('doors_open_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .execute();
  await db.schema
    .alterTable('attendance_settings')
    .addColumn('online_open_minutes', 'integer', (c) => c.notNull().defaultTo(30))
    .execute();
  await db.schema
    .alterTable('attendance_settings')
    .addColumn('grace_minutes', 'integer', (c) => c.notNull().defaultTo(60))
    .execute();
  await db.schema.alterTable('attendance').addColumn('checkin_clock_skew', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('attendance').dropColumn('checkin_clock_skew').execute();
  await db.schema.alterTable('attendance_settings').dropColumn('grace_minutes').execute();
  await db.schema.alterTable('attendance_settings').dropColumn('online_open_minutes').execute();
  await db.schema.alterTable('attendance_settings').dropColumn('doors_open_minutes').execute();
}
