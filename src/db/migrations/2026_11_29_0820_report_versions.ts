import { type Kysely, sql } from 'kysely';

// Report versions: the organizer marks the activity report final (a snapshot of its data, who and
// when) and may reopen it as a new draft. Version numbers are unique per event, and at most one
// version per event is the current final one (a partial unique index).
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('report_versions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('version', 'integer', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('data', 'text', (c) => c.notNull())
    .addColumn('finalized_at', 'bigint', (c) => c.notNull())
    .addColumn('finalized_by', 'text')
    .addColumn('finalized_by_name', 'text')
    .addColumn('reopened_at', 'bigint')
    .addColumn('reopened_by', 'text')
    .addColumn('reopened_by_name', 'text')
    .execute();
  await db.schema
    .createIndex('report_versions_number_uq')
    .on('report_versions')
    .columns(['event_id', 'version'])
    .unique()
    .execute();
  await db.schema
    .createIndex('report_versions_one_final_uq')
    .on('report_versions')
    .column('event_id')
    .unique()
    .where(sql.ref('status'), '=', sql.lit('final'))
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  await db.schema.dropTable('report_versions').ifExists().execute();
}
