import type { Kysely } from 'kysely';

// Signature lines ("Kota Probolinggo, 30 Desember 2021") on the report, the certificates and the attendance
// lists need the city (Kota/Kabupaten) the event is signed in; the address is not it. An event has its own,
// else its organization's. Certificates may print training hours (JP, 45 minutes each) for civil servants.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('events').addColumn('city', 'text').execute();
  await db.schema.alterTable('organizations').addColumn('city', 'text').execute();
  await db.schema
    .alterTable('certificate_settings')
    .addColumn('training_hours', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('certificate_settings').dropColumn('training_hours').execute();
  await db.schema.alterTable('organizations').dropColumn('city').execute();
  await db.schema.alterTable('events').dropColumn('city').execute();
}
