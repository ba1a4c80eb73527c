import type { Kysely } from 'kysely';

// A caller that may retry a registration after a crash (the door device's id for a walk-in) passes its own
// reference; the partial unique index makes the retry find the first registration instead of adding a second
// person when there is no phone or e-mail to catch the duplicate.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('client_ref', 'text').execute();
  await db.schema
    .createIndex('registrations_event_client_ref_uq')
    .on('registrations')
    .columns(['event_id', 'client_ref'])
    .unique()
    .where('client_ref', 'is not', null)
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('registrations_event_client_ref_uq').execute();
  await db.schema.alterTable('registrations').dropColumn('client_ref').execute();
}
