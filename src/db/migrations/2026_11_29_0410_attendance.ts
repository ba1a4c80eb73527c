import type { Kysely } from 'kysely';

// Attendance: one record per registration (primary key), hall scans keyed by the device's scan id,
// attendance codes with their window, and imported meeting reports kept for review.
// biome-ignore lint/suspicious/noExplicitAny: migrations are frozen in time and untyped by design
export async function up(db: Kysely<any>): Promise<void> {
  await db.schema
    .createTable('attendance')
    .addColumn('registration_id', 'text', (c) =>
      c.primaryKey().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('checked_in_at', 'bigint')
    .addColumn('checked_in_by', 'text')
    .addColumn('checked_in_by_name', 'text')
    .addColumn('checkin_device', 'text')
    .addColumn('checkin_method', 'text')
    .addColumn('joined_at', 'bigint')
    .addColumn('last_joined_at', 'bigint')
    .addColumn('join_count', 'integer', (c) => c.notNull().defaultTo(0))
    .addColumn('report_minutes', 'integer')
    .addColumn('override', 'text')
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attendance_event_idx')
    .on('attendance')
    .columns(['event_id', 'checked_in_at'])
    .execute();

  await db.schema
    .createTable('checkin_scans')
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('scan_id', 'text', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('first', 'integer', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text')
    .addColumn('device', 'text')
    .addPrimaryKeyConstraint('checkin_scans_pk', ['event_id', 'scan_id'])
    .execute();

  await db.schema
    .createTable('attendance_codes')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('code', 'text', (c) => c.notNull())
    .addColumn('label', 'text')
    .addColumn('agenda_item_id', 'text', (c) => c.references('agenda_items.id').onDelete('set null'))
    .addColumn('opens_at', 'bigint', (c) => c.notNull())
    .addColumn('closes_at', 'bigint', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attendance_codes_event_code_uq')
    .on('attendance_codes')
    .columns(['event_id', 'code'])
    .unique()
    .execute();

  await db.schema
    .createTable('attendance_code_entries')
    .addColumn('code_id', 'text', (c) => c.notNull().references('attendance_codes.id').onDelete('cascade'))
    .addColumn('registration_id', 'text', (c) =>
      c.notNull().references('registrations.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('entered_at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('attendance_code_entries_pk', ['code_id', 'registration_id'])
    .execute();
  await db.schema
    .createIndex('attendance_code_entries_event_idx')
    .on('attendance_code_entries')
    .columns(['event_id', 'registration_id'])
    .execute();

  await db.schema
    .createTable('attendance_settings')
    .addColumn('event_id', 'text', (c) => c.primaryKey().references('events.id').onDelete('cascade'))
    .addColumn('online_rule', 'text', (c) => c.notNull())
    .addColumn('min_codes', 'integer', (c) => c.notNull())
    .addColumn('min_percent', 'integer', (c) => c.notNull())
    .addColumn('code_window_minutes', 'integer', (c) => c.notNull())
    .addColumn('updated_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('attendance_imports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('event_id', 'text', (c) => c.notNull().references('events.id').onDelete('cascade'))
    .addColumn('source', 'text', (c) => c.notNull())
    .addColumn('filename', 'text')
    .addColumn('rows_total', 'integer', (c) => c.notNull())
    .addColumn('created_by', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema
    .createTable('attendance_import_rows')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('import_id', 'text', (c) =>
      c.notNull().references('attendance_imports.id').onDelete('cascade'),
    )
    .addColumn('event_id', 'text', (c) => c.notNull())
    .addColumn('row_no', 'integer', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('email', 'text')
    .addColumn('minutes', 'integer', (c) => c.notNull())
    .addColumn('registration_id', 'text', (c) => c.references('registrations.id').onDelete('set null'))
    .addColumn('status', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('attendance_import_rows_idx')
    .on('attendance_import_rows')
    .columns(['import_id', 'row_no'])
    .execute();
}

// biome-ignore lint/suspicious/noExplicitAny: see up()
export async function down(db: Kysely<any>): Promise<void> {
  for (const t of [
    'attendance_import_rows',
    'attendance_imports',
    'attendance_settings',
    'attendance_code_entries',
    'attendance_codes',
    'checkin_scans',
    'attendance',
  ]) {
    await db.schema.dropTable(t).ifExists().execute();
  }
}
