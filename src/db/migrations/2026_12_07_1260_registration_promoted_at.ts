import type { Kysely } from 'kysely';

// When a registration last left the waitlist for a place: the durable mark of `registration.promoted`, from
// which the webhook catch-up sweep repairs a webhook that a crash between the commit and the bus lost.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('promoted_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('promoted_at').execute();
}
