import type { Kysely } from 'kysely';

// One person, one vote (issue 10): votes need a ticket unless the organizer opens participation for the
// event (`live_state.open_voting`); then a voter cookie issued by the live page is required, and the
// issued voters are recorded per event with the address that asked for them (the per-address cap on new
// voters counts these rows). A merge marks the votes it copied (`merged_from`), so an unmerge can take
// exactly those back and leave both questions as they were.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .alterTable('live_state')
    .addColumn('open_voting', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema.alterTable('question_votes').addColumn('merged_from', 'text').execute();
  await db.schema
    .createTable('qa_voters')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('voter_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('qa_voters_pk', ['event_id', 'voter_id'])
    .execute();
  await db.schema
    .createIndex('qa_voters_address_idx')
    .on('qa_voters')
    .columns(['event_id', 'address', 'created_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('qa_voters').ifExists().execute();
  await db.schema.alterTable('question_votes').dropColumn('merged_from').execute();
  await db.schema.alterTable('live_state').dropColumn('open_voting').execute();
}
