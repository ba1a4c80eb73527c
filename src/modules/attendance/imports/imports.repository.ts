import type { Insertable } from 'kysely';
import type { Db } from '../../../db/database.js';
import { inTransaction } from '../../../db/transaction.js';
import type { AttendanceImportRowsTable, AttendanceImportsTable } from '../attendance.tables.js';
import { confirmedRegistrations, writeRecord } from '../records.repository.js';

/** What the console lists of an import, beside its count of unmatched rows (grouped by all of them). */
const IMPORT_COLUMNS = [
  'attendance_imports.id',
  'attendance_imports.source',
  'attendance_imports.filename',
  'attendance_imports.rows_total',
  'attendance_imports.created_at',
] as const;

/** Imported Zoom / Meet reports, their rows and the review of unmatched rows. */
export const importsRepository = {
  emailIndex: (db: Db, eventId: string) =>
    confirmedRegistrations(db, eventId)
      .select(['id', 'email', 'front_titles', 'name', 'back_titles', 'status', 'mode'])
      .execute(),

  saveImport: (
    db: Db,
    head: Insertable<AttendanceImportsTable>,
    rows: Insertable<AttendanceImportRowsTable>[],
  ) =>
    inTransaction(db, async (trx) => {
      await trx.insertInto('attendance_imports').values(head).execute();
      for (let i = 0; i < rows.length; i += 200) {
        await trx
          .insertInto('attendance_import_rows')
          .values(rows.slice(i, i + 200))
          .execute();
      }
      // The person's minutes are the sum of their matched rows in this report (rejoins included).
      const totals = new Map<string, number>();
      for (const r of rows)
        if (r.registration_id)
          totals.set(r.registration_id, (totals.get(r.registration_id) ?? 0) + r.minutes);
      const now = Date.now();
      for (const [registrationId, minutes] of totals) {
        await writeRecord(trx, head.event_id, registrationId, { report_minutes: minutes }, now);
      }
    }),

  imports: (db: Db, eventId: string) =>
    db
      .selectFrom('attendance_imports')
      .leftJoin('attendance_import_rows', 'attendance_import_rows.import_id', 'attendance_imports.id')
      .select((eb) => [
        ...IMPORT_COLUMNS,
        eb.fn
          .sum<number>(
            eb.case().when('attendance_import_rows.status', '=', 'unmatched').then(1).else(0).end(),
          )
          .as('unmatched'),
      ])
      .where('attendance_imports.event_id', '=', eventId)
      .groupBy(IMPORT_COLUMNS)
      .orderBy('attendance_imports.created_at', 'desc')
      .execute(),

  importById: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('attendance_imports')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),

  importRows: (db: Db, importId: string) =>
    db
      .selectFrom('attendance_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .orderBy('row_no')
      .execute(),

  importRow: (db: Db, importId: string, rowId: string) =>
    db
      .selectFrom('attendance_import_rows')
      .selectAll()
      .where('import_id', '=', importId)
      .where('id', '=', rowId)
      .executeTakeFirst(),

  /** Assigns (or ignores) one reviewed row and recomputes that person's minutes from every assigned row. */
  resolveImportRow: (
    db: Db,
    eventId: string,
    importId: string,
    rowId: string,
    registrationId: string | null,
    previous: string | null,
  ) =>
    inTransaction(db, async (trx) => {
      await trx
        .updateTable('attendance_import_rows')
        .set({ registration_id: registrationId, status: registrationId ? 'assigned' : 'ignored' })
        .where('id', '=', rowId)
        .execute();
      const now = Date.now();
      for (const reg of [registrationId, previous]) {
        if (!reg) continue;
        const sum = await trx
          .selectFrom('attendance_import_rows')
          .select((eb) => eb.fn.sum<number>('minutes').as('m'))
          .where('import_id', '=', importId)
          .where('registration_id', '=', reg)
          .executeTakeFirst();
        await writeRecord(trx, eventId, reg, { report_minutes: Number(sum?.m ?? 0) }, now);
      }
    }),
};
