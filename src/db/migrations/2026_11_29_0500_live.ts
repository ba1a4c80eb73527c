import type { Kysely } from 'kysely';

// The live room: one Q&A queue for hall and online, polls, the stage pointer and the per-event
// sequence of live updates. Invariants are indexes: one vote per voter per question, one ballot per
// voter per poll, one log row per (event, seq).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('questions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('channel', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('author_name', 'text')
    .addColumn('anonymous', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id').onDelete('set null'))
    .addColumn('author_key', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('speaker_id', 'text', (c) => c.references('people.id').onDelete('set null'))
    .addColumn('merged_into', 'text')
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .addColumn('approved_at', 'bigint')
    .addColumn('answered_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('questions_event_idx')
    .on('questions')
    .columns(['event_id', 'status'])
    .execute();
  await db.schema
    .createIndex('questions_author_idx')
    .on('questions')
    .columns(['event_id', 'author_key', 'created_at'])
    .execute();

  await db.schema
    .createTable('question_votes')
    .addColumn('question_id', 'text', (c) => c.notNull().references('questions.id').onDelete('cascade'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('question_votes_pk', ['question_id', 'voter_key'])
    .execute();

  await db.schema
    .createTable('polls')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('question', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('voters', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('opened_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .execute();
  await db.schema.createIndex('polls_event_idx').on('polls').columns(['event_id', 'created_at']).execute();

  await db.schema
    .createTable('poll_options')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('position', 'integer', (c) => c.notNull())
    .addColumn('label', 'text', (c) => c.notNull())
    .addColumn('votes', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
  await db.schema
    .createIndex('poll_options_poll_idx')
    .on('poll_options')
    .columns(['poll_id', 'position'])
    .execute();

  await db.schema
    .createTable('poll_ballots')
    .addColumn('poll_id', 'text', (c) => c.notNull().references('polls.id').onDelete('cascade'))
    .addColumn('voter_key', 'text', (c) => c.notNull())
    .addColumn('option_ids', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('poll_ballots_pk', ['poll_id', 'voter_key'])
    .execute();

  await db.schema
    .createTable('live_state')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull().defaultTo(0))
    .addColumn('agenda_item_id', 'text')
    .addColumn('stage_started_at', 'bigint')
    .addColumn('stage_ends_at', 'bigint')
    .addColumn('screen_question_id', 'text')
    .addColumn('screen_poll_id', 'text')
    .addColumn('moderation', 'text', (c) => c.notNull().defaultTo('pre'))
    .addColumn('qa_open', 'integer', (c) => c.notNull().defaultTo(1))
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('live_log')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('staff', 'text', (c) => c.notNull())
    .addColumn('public', 'text')
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('live_log_pk', ['event_id', 'seq'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'live_log',
    'live_state',
    'poll_ballots',
    'poll_options',
    'polls',
    'question_votes',
    'questions',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
