import type { Kysely } from 'kysely';

// The cap on new voters per address and minute (open participation) as a counter row per (event, address,
// minute) raised by one conditional upsert: parallel page loads from one address cannot mint more voters
// than the cap, on either engine.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('qa_voter_slots')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('minute', 'bigint', (c) => c.notNull())
    .addColumn('n', 'integer', (c) => c.notNull())
    .addPrimaryKeyConstraint('qa_voter_slots_pk', ['event_id', 'address', 'minute'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qa_voter_slots').ifExists().execute();
}
