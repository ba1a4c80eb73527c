import type { Db } from '../../db/database.js';
import { isUniqueViolation } from '../../db/database.js';
import type { EventRow } from '../events/index.js';

/**
 * Reads the registrations of an organizer's earlier events. The consent ledger is the `consents`
 * JSON on each registration (written by the registrations module); withdrawing the "news" purpose
 * is recorded there too, so the registration keeps one proof of consent per purpose.
 */
export const announcementsRepository = {
  /**
   * Ended events of the same organization (or, without one, of the same creator), newest first. With
   * `memberId`, only when that sender belongs to the organization: an event put under an organization
   * never opens its past attendees to someone outside it.
   */
  earlierEvents: (db: Db, event: EventRow, now: number, memberId: string | null) =>
    db
      .selectFrom('events')
      .selectAll()
      .where('id', '!=', event.id)
      .where('ends_at', '<', now)
      .$if(!!event.org_id, (q) => q.where('org_id', '=', event.org_id!))
      .$if(!!event.org_id && memberId !== null, (q) =>
        q.where('org_id', 'in', (eb) =>
          eb.selectFrom('org_members').select('org_id').where('user_id', '=', memberId!),
        ),
      )
      .$if(!event.org_id, (q) => q.where('org_id', 'is', null).where('created_by', '=', event.created_by))
      .orderBy('starts_at', 'desc')
      .limit(50)
      .execute(),

  registrationsByIds: (db: Db, ids: string[]) =>
    ids.length
      ? db
          .selectFrom('registrations')
          .select(['id', 'event_id', 'ticket_code', 'email', 'phone', 'consents', 'locale', 'created_at'])
          .where('id', 'in', ids)
          .execute()
      : Promise.resolve([]),

  contactsOf: (db: Db, eventId: string) =>
    db.selectFrom('registrations').select(['email', 'phone']).where('event_id', '=', eventId).execute(),

  delivered: async (db: Db, eventId: string) =>
    new Set(
      (
        await db
          .selectFrom('announcement_deliveries')
          .select('contact')
          .where('event_id', '=', eventId)
          .execute()
      ).map((r) => r.contact),
    ),

  /** Claims one contact for one event; false when someone already sent to it. */
  claim: async (
    db: Db,
    row: { event_id: string; contact: string; channel: 'email' | 'whatsapp'; sent_by: string | null },
  ) => {
    try {
      await db
        .insertInto('announcement_deliveries')
        .values({ ...row, at: Date.now() })
        .execute();
      return true;
    } catch (err) {
      if (isUniqueViolation(err)) return false;
      throw err;
    }
  },

  release: (db: Db, eventId: string, contact: string) =>
    db
      .deleteFrom('announcement_deliveries')
      .where('event_id', '=', eventId)
      .where('contact', '=', contact)
      .execute(),

  optedOut: async (db: Db) =>
    new Set((await db.selectFrom('announcement_optouts').select('contact').execute()).map((r) => r.contact)),

  optOut: (db: Db, contacts: string[]) =>
    contacts.length
      ? db
          .insertInto('announcement_optouts')
          .values(contacts.map((contact) => ({ contact, at: Date.now() })))
          .onConflict((oc) => oc.column('contact').doNothing())
          .execute()
      : Promise.resolve([]),

  findByTicket: (db: Db, ticketCode: string) =>
    db
      .selectFrom('registrations')
      .innerJoin('events', 'events.id', 'registrations.event_id')
      .select([
        'registrations.id',
        'registrations.email',
        'registrations.phone',
        'registrations.consents',
        'registrations.locale',
        'events.title',
      ])
      .where('registrations.ticket_code', '=', ticketCode)
      .executeTakeFirst(),

  setConsents: (db: Db, registrationId: string, consents: string) =>
    db
      .updateTable('registrations')
      .set({ consents, updated_at: Date.now() })
      .where('id', '=', registrationId)
      .execute(),
};
