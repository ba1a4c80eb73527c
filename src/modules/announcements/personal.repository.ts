import type { Db } from '../../db/database.js';

export const announcementsPersonalRepository = {
  async copy(db: Db, contacts: string[]) {
    if (!contacts.length) return { deliveries: [], optedOut: null };
    const deliveries = await db
      .selectFrom('announcement_deliveries')
      .innerJoin('events', 'events.id', 'announcement_deliveries.event_id')
      .select(['events.title as event', 'announcement_deliveries.channel', 'announcement_deliveries.at'])
      .where('announcement_deliveries.contact', 'in', contacts)
      .execute();
    const optout = await db
      .selectFrom('announcement_optouts')
      .select('at')
      .where('contact', 'in', contacts)
      .executeTakeFirst();
    return { deliveries, optedOut: optout?.at ?? null };
  },

  /** The contacts among these still held by a registration outside `except` that keeps its data. */
  async stillHeld(db: Db, emails: string[], phones: string[], except: string[]) {
    if (!emails.length && !phones.length) return new Set<string>();
    const rows = await db
      .selectFrom('registrations')
      .select(['email', 'phone'])
      .where('anonymized_at', 'is', null)
      .where('id', 'not in', except)
      .where((eb) =>
        eb.or([
          ...(emails.length ? [eb('email', 'in', emails)] : []),
          ...(phones.length ? [eb('phone', 'in', phones)] : []),
        ]),
      )
      .execute();
    return new Set(
      rows.flatMap((r) => [r.email ? `email:${r.email.toLowerCase()}` : '', `phone:${r.phone}`]),
    );
  },

  forgetDeliveries: (db: Db, contacts: string[]) =>
    db.deleteFrom('announcement_deliveries').where('contact', 'in', contacts).execute(),
};
