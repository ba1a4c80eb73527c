import type { Db } from '../../db/database.js';
import { upsert } from '../../db/upsert.js';
import type { EvaluationFormsTable, EvaluationResponsesTable } from './evaluation.tables.js';

export const evaluationRepository = {
  form: (db: Db, eventId: string) =>
    db.selectFrom('evaluation_forms').selectAll().where('event_id', '=', eventId).executeTakeFirst(),
  upsertForm: (db: Db, row: EvaluationFormsTable) => upsert(db, 'evaluation_forms', row, ['event_id']),
  /** Inserts the one response of a registration; the unique index refuses a second one. */
  insertResponse: (db: Db, row: EvaluationResponsesTable) =>
    db.insertInto('evaluation_responses').values(row).execute(),
  responses: (db: Db, eventId: string) =>
    db
      .selectFrom('evaluation_responses')
      .select(['registration_id', 'answers'])
      .where('event_id', '=', eventId)
      .execute(),
  countResponses: async (db: Db, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('evaluation_responses')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    ),
  responseOf: (db: Db, registrationId: string) =>
    db
      .selectFrom('evaluation_responses')
      .select(['id', 'submitted_at'])
      .where('registration_id', '=', registrationId)
      .executeTakeFirst(),
  respondedIds: async (db: Db, eventId: string) =>
    new Set(
      (
        await db
          .selectFrom('evaluation_responses')
          .select('registration_id')
          .where('event_id', '=', eventId)
          .execute()
      ).map((r) => r.registration_id),
    ),
};
