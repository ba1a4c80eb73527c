import type { Kysely } from 'kysely';

// A person's recorded presence is an online join (their personal link) or a hall check-in by door
// staff: the same table, told apart by mode.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('person_joins')
    .addColumn('mode', 'text', (c) => c.notNull().defaultTo('online'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('person_joins').dropColumn('mode').execute();
}
