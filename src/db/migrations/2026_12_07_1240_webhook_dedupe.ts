import type { Kysely } from 'kysely';

// One delivery per webhook and happening (`registration.created:<id>`): the bus path and the catch-up sweep
// that repairs what a crash between a commit and its bus handler lost cannot both post it.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema.alterTable('webhook_deliveries').addColumn('dedupe_key', 'text').execute();
  await db.schema
    .createIndex('webhook_deliveries_once')
    .on('webhook_deliveries')
    .columns(['webhook_id', 'dedupe_key'])
    .unique()
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropIndex('webhook_deliveries_once').ifExists().execute();
  await db.schema.alterTable('webhook_deliveries').dropColumn('dedupe_key').execute();
}
