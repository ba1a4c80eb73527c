import type { PersonalDataPart } from '../registrations/index.js';
import { invitationsPersonalRepository as repo } from './personal.repository.js';

/** Invitations' part of "Data saya" and erasure: an accepted guest's invitation copied the guest's details. */
export const invitationsPersonalData: PersonalDataPart = {
  key: 'invitations',
  tables: {
    invitations: [
      'registration_id',
      'front_titles',
      'name',
      'back_titles',
      'position',
      'institution',
      'email',
      'phone',
      'note',
    ],
  },
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
