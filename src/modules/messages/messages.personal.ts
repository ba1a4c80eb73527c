import type { PersonalDataPart } from '../registrations/index.js';
import { messagesPersonalRepository as repo } from './personal.repository.js';

/** The message log's part of "Data saya" and erasure: what was sent to the person, and its state. */
export const messagesPersonalData: PersonalDataPart = {
  key: 'messages',
  tables: { deliveries: ['registration_id', 'error'] },
  copy: (db, who) => repo.copy(db, who.eventId, who.registrationId),
  async erase(db, who) {
    const eventId = who[0]?.eventId;
    if (eventId)
      await repo.forget(
        db,
        eventId,
        who.map((p) => p.registrationId),
      );
  },
};
