import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { ReportVersionsTable } from './reports.tables.js';

export const reportsRepository = {
  narrative: (db: Db, eventId: string) =>
    db.selectFrom('report_narratives').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
  saveNarrative: (db: Db, eventId: string, data: string, userId: string | null) =>
    db
      .insertInto('report_narratives')
      .values({ event_id: eventId, data, updated_at: Date.now(), updated_by: userId })
      .onConflict((oc) =>
        oc.column('event_id').doUpdateSet({ data, updated_at: Date.now(), updated_by: userId }),
      )
      .execute(),
  versions: (db: Db, eventId: string) =>
    db
      .selectFrom('report_versions')
      .select([
        'id',
        'version',
        'status',
        'finalized_at',
        'finalized_by_name',
        'reopened_at',
        'reopened_by_name',
      ])
      .where('event_id', '=', eventId)
      .orderBy('version', 'desc')
      .execute(),
  version: (db: Db, eventId: string, version: number) =>
    db
      .selectFrom('report_versions')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('version', '=', version)
      .executeTakeFirst(),
  currentFinal: (db: Db, eventId: string) =>
    db
      .selectFrom('report_versions')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('status', '=', 'final')
      .executeTakeFirst(),
  lastVersionNumber: async (db: Db, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('report_versions')
          .select((eb) => eb.fn.max('version').as('v'))
          .where('event_id', '=', eventId)
          .executeTakeFirst()
      )?.v ?? 0,
    ),
  /** The unique indexes refuse a second current final and a reused version number. */
  insertVersion: (db: Db, row: Insertable<ReportVersionsTable>) =>
    db.insertInto('report_versions').values(row).execute(),
  /** Reopens the current final version, if there is one; the conditional update decides a race. */
  reopen: (db: Db, eventId: string, at: number, userId: string, userName: string | null) =>
    db
      .updateTable('report_versions')
      .set({ status: 'reopened', reopened_at: at, reopened_by: userId, reopened_by_name: userName })
      .where('event_id', '=', eventId)
      .where('status', '=', 'final')
      .returning(['version'])
      .executeTakeFirst(),
};
