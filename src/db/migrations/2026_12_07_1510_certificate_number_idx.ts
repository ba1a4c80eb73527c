import type { Kysely } from 'kysely';

// The public verification page takes the number printed on a certificate ("012/SERT/AP-UPM/XII/2021")
// as well as its code; looking it up must not scan every certificate.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.createIndex('certificates_number_idx').on('certificates').column('number').execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('certificates_number_idx').execute();
}
