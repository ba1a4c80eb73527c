import type { Kysely } from 'kysely';

// More ways to take part and to follow: word-cloud counts and moderated open answers beside the
// choice polls (one ballot per person still lives in poll_ballots), the live captions' transcript,
// and the recorded online joins of the programme's people (officials and speakers joining remotely).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('poll_words')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('word', 'text', (c) => c.notNull())
    .addColumn('count', 'integer', (c) => c.notNull().defaultTo(0))
    .addPrimaryKeyConstraint('poll_words_pk', ['poll_id', 'word'])
    .execute();
  await db.schema
    .createIndex('poll_words_count_idx')
    .on('poll_words')
    .columns(['poll_id', 'count'])
    .execute();

  await db.schema
    .createTable('poll_answers')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('poll_answers_voter_idx')
    .on('poll_answers')
    .columns(['poll_id', 'voter_key'])
    .unique()
    .execute();

  await db.schema
    .createTable('caption_lines')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('edited_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('caption_lines_event_idx')
    .on('caption_lines')
    .columns(['event_id', 'created_at'])
    .execute();

  await db.schema
    .createTable('person_joins')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('person_id', 'text', (c) => c.notNull().references('people.id').onDelete('cascade'))
    .addColumn('joined_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('person_joins_person_idx')
    .on('person_joins')
    .columns(['event_id', 'person_id', 'joined_at'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of ['person_joins', 'caption_lines', 'poll_answers', 'poll_words'])
    await db.schema.dropTable(t).execute();
}
