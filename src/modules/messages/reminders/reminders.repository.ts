import type { Db } from '../../../db/database.js';
import type { Tx } from '../../../db/transaction.js';

/** Reminder settings and runs, and the registrants a run reaches. */
export const remindersRepository = {
  rules: async (db: Db, eventId: string) =>
    (
      await db
        .selectFrom('reminder_settings')
        .select('rules')
        .where('event_id', '=', eventId)
        .executeTakeFirst()
    )?.rules,

  rulesOf: (db: Db, eventIds: string[]) =>
    eventIds.length
      ? db
          .selectFrom('reminder_settings')
          .select(['event_id', 'rules'])
          .where('event_id', 'in', eventIds)
          .execute()
      : Promise.resolve([]),

  save: (db: Db, eventId: string, rules: string) =>
    db
      .insertInto('reminder_settings')
      .values({ event_id: eventId, rules, updated_at: Date.now() })
      .onConflict((oc) => oc.column('event_id').doUpdateSet({ rules, updated_at: Date.now() }))
      .execute(),

  /** Published events that have not started long ago and start within the reminders' reach. */
  upcoming: (db: Db, from: number, to: number) =>
    db
      .selectFrom('events')
      .selectAll()
      .where('status', '=', 'published')
      .where('starts_at', '>', from)
      .where('starts_at', '<=', to)
      .execute(),

  runsOf: (db: Db, eventIds: string[]) =>
    eventIds.length
      ? db
          .selectFrom('reminder_runs')
          .select(['event_id', 'rule', 'due_at', 'id', 'created_at', 'recipients'])
          .where('event_id', 'in', eventIds)
          .execute()
      : Promise.resolve([]),

  /** Claims one firing (unique on event, rule, due time): false when another node or sweep was first. */
  claimRun: async (trx: Tx, row: { id: string; event_id: string; rule: string; due_at: number }) =>
    (
      await trx
        .insertInto('reminder_runs')
        .values({ ...row, created_at: Date.now(), recipients: 0 })
        .onConflict((oc) => oc.columns(['event_id', 'rule', 'due_at']).doNothing())
        .returning('id')
        .execute()
    ).length > 0,

  setRecipients: (trx: Tx, id: string, n: number) =>
    trx.updateTable('reminder_runs').set({ recipients: n }).where('id', '=', id).execute(),

  run: (db: Db, id: string) =>
    db.selectFrom('reminder_runs').selectAll().where('id', '=', id).executeTakeFirst(),

  /** Who a run reaches: registered before it was due, not cancelled; the waitlist only for day-before runs. */
  recipients: (trx: Tx, eventId: string, registeredBy: number, withWaitlist: boolean) =>
    trx
      .selectFrom('registrations')
      .select(['id', 'email', 'phone'])
      .where('event_id', '=', eventId)
      .where('status', 'in', withWaitlist ? ['confirmed', 'waitlisted'] : ['confirmed'])
      .where('created_at', '<=', registeredBy)
      .where('anonymized_at', 'is', null)
      .execute(),
};
