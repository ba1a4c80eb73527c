import type { Kysely } from 'kysely';

// A participant's attendance codes are read by their registration alone (ticket page, code box, presence of
// one person); the primary key starts with the code and the event index with the event, so without this
// index each of those reads scanned every entry of every event.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createIndex('attendance_code_entries_registration_idx')
    .on('attendance_code_entries')
    .columns(['registration_id', 'entered_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('attendance_code_entries_registration_idx').execute();
}
