import type { Insertable, Selectable, Updateable } from 'kysely';
import type { Db } from '../../db/database.js';
import type { AgendaItemsTable, PeopleTable } from '../../db/schema.js';
import { inTransaction } from '../../db/transaction.js';

export type PersonRow = Selectable<PeopleTable>;
export type AgendaRow = Selectable<AgendaItemsTable>;

export const programRepository = {
  listPeople: (db: Db, eventId: string) =>
    db
      .selectFrom('people')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('sort')
      .orderBy('created_at')
      .execute(),
  findPerson: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('people')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),
  insertPerson: (db: Db, row: Insertable<PeopleTable>) => db.insertInto('people').values(row).execute(),
  updatePerson: (db: Db, id: string, patch: Updateable<PeopleTable>) =>
    db.updateTable('people').set(patch).where('id', '=', id).execute(),
  deletePerson: (db: Db, id: string) => db.deleteFrom('people').where('id', '=', id).execute(),
  countPeople: async (db: Db, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('people')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  listAgenda: (db: Db, eventId: string) =>
    db
      .selectFrom('agenda_items')
      .selectAll()
      .where('event_id', '=', eventId)
      .orderBy('starts_at')
      .orderBy('created_at')
      .execute(),
  findAgendaItem: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('agenda_items')
      .selectAll()
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),
  agendaPeople: (db: Db, itemIds: string[]) =>
    itemIds.length
      ? db
          .selectFrom('agenda_people')
          .selectAll()
          .where('agenda_item_id', 'in', itemIds)
          .orderBy('position')
          .execute()
      : Promise.resolve([]),

  /** Writes the item and its people together: a half-saved rundown line is never visible. */
  saveAgendaItem: (
    db: Db,
    row: Insertable<AgendaItemsTable>,
    personIds: string[] | undefined,
    isNew: boolean,
  ) =>
    inTransaction(db, async (trx) => {
      if (isNew) await trx.insertInto('agenda_items').values(row).execute();
      else {
        const { id, event_id, created_at, ...patch } = row;
        void event_id;
        void created_at;
        if (Object.keys(patch).length)
          await trx.updateTable('agenda_items').set(patch).where('id', '=', id).execute();
      }
      if (personIds) {
        await trx.deleteFrom('agenda_people').where('agenda_item_id', '=', row.id).execute();
        if (personIds.length) {
          await trx
            .insertInto('agenda_people')
            .values(personIds.map((person_id, position) => ({ agenda_item_id: row.id, person_id, position })))
            .execute();
        }
      }
    }),
  deleteAgendaItem: (db: Db, id: string) => db.deleteFrom('agenda_items').where('id', '=', id).execute(),

  countAgenda: async (db: Db, eventId: string) =>
    Number(
      (
        await db
          .selectFrom('agenda_items')
          .select((eb) => eb.fn.countAll().as('n'))
          .where('event_id', '=', eventId)
          .executeTakeFirst()
      )?.n ?? 0,
    ),
  /** The whole rundown by `ms` (an item without an end keeps none). */
  shiftAgenda: (db: Db, eventId: string, ms: number) =>
    db
      .updateTable('agenda_items')
      .set((eb) => ({ starts_at: eb('starts_at', '+', ms), ends_at: eb('ends_at', '+', ms) }))
      .where('event_id', '=', eventId)
      .execute(),
};
