import type { Kysely } from 'kysely';

// "Already registered" sends the ticket link again to the contact on file; the time of the last such send lets a
// conditional update allow one per registration per few minutes, on every node at once.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').addColumn('resent_at', 'bigint').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('registrations').dropColumn('resent_at').execute();
}
