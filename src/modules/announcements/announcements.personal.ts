import type { DataSubject, PersonalDataPart } from '../registrations/index.js';
import { announcementsPersonalRepository as repo } from './personal.repository.js';

const contactsOf = (p: DataSubject) => [
  ...(p.email ? [`email:${p.email.toLowerCase()}`] : []),
  ...(p.phone ? [`phone:${p.phone}`] : []),
];

/**
 * Announcements' part of "Data saya" and erasure. The log of announcements sent to the person's contacts goes
 * once no other registration still holds the contact; an opt-out stays, because it is the person's own wish not
 * to be written to again and must outlive the data.
 */
export const announcementsPersonalData: PersonalDataPart = {
  key: 'announcements',
  tables: { announcement_deliveries: ['contact'], announcement_optouts: ['contact'] },
  copy: (db, who) => repo.copy(db, contactsOf(who)),
  async erase(db, who) {
    const held = await repo.stillHeld(
      db,
      who.flatMap((p) => (p.email ? [p.email] : [])),
      who.flatMap((p) => (p.phone ? [p.phone] : [])),
      who.map((p) => p.registrationId),
    );
    const gone = who.flatMap(contactsOf).filter((c) => !held.has(c));
    if (gone.length) await repo.forgetDeliveries(db, gone);
  },
};
