import type { Kysely } from 'kysely';

// UU PDP: a participant's personal fields can be erased (on request, or when the organizer's retention period
// after the event has passed) while the row stays, so the counts per mode and status the report needs hold.
// The time of erasure marks the row; the ticket page then says the data was deleted.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('anonymized_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('anonymized_at').execute();
}
