import type { Insertable } from 'kysely';
import type { Db } from '../../db/database.js';
import type {
  AgendaItemsTable,
  AgendaPeopleTable,
  EventsTable,
  EventTeamTable,
  PeopleTable,
} from '../../db/schema.js';
import { inTransaction, type Tx } from '../../db/transaction.js';

/** An event with everything that hangs off it, written in one transaction (duplicate, demo). */
export interface EventGraph {
  event: Insertable<EventsTable>;
  partnerOrgIds: string[];
  team: Omit<EventTeamTable, 'event_id'>[];
  people: Insertable<PeopleTable>[];
  agenda: Insertable<AgendaItemsTable>[];
  agendaPeople: Insertable<AgendaPeopleTable>[];
}

export const eventGraphRepository = {
  /**
   * All or nothing: a half-copied event (people without rundown) is never visible; `also` runs in the same
   * transaction (a duplicate moves the copied rundown to its new day).
   */
  insert: (db: Db, g: EventGraph, also?: (trx: Tx) => Promise<void>) =>
    inTransaction(db, async (trx) => {
      const eventId = g.event.id;
      await trx.insertInto('events').values(g.event).execute();
      if (g.partnerOrgIds.length) {
        await trx
          .insertInto('event_partners')
          .values(g.partnerOrgIds.map((org_id, position) => ({ event_id: eventId, org_id, position })))
          .execute();
      }
      if (g.team.length) {
        await trx
          .insertInto('event_team')
          .values(g.team.map((m) => ({ ...m, event_id: eventId })))
          .execute();
      }
      if (g.people.length) await trx.insertInto('people').values(g.people).execute();
      if (g.agenda.length) await trx.insertInto('agenda_items').values(g.agenda).execute();
      if (g.agendaPeople.length) await trx.insertInto('agenda_people').values(g.agendaPeople).execute();
      if (also) await also(trx);
    }),

  /** What hangs off an event, to copy it. */
  async load(db: Db, eventId: string) {
    const [partners, team, people, agenda] = await Promise.all([
      db
        .selectFrom('event_partners')
        .select(['org_id', 'position'])
        .where('event_id', '=', eventId)
        .orderBy('position')
        .execute(),
      db.selectFrom('event_team').select(['user_id', 'role']).where('event_id', '=', eventId).execute(),
      db
        .selectFrom('people')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy('sort')
        .orderBy('created_at')
        .execute(),
      db
        .selectFrom('agenda_items')
        .selectAll()
        .where('event_id', '=', eventId)
        .orderBy('starts_at')
        .execute(),
    ]);
    const agendaPeople = agenda.length
      ? await db
          .selectFrom('agenda_people')
          .selectAll()
          .where(
            'agenda_item_id',
            'in',
            agenda.map((a) => a.id),
          )
          .orderBy('position')
          .execute()
      : [];
    return { partners, team, people, agenda, agendaPeople };
  },

  touch: (db: Db, eventId: string) =>
    db.updateTable('events').set({ updated_at: Date.now() }).where('id', '=', eventId).execute(),
};
