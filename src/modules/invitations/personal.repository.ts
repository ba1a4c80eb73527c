import type { Db } from '../../db/database.js';

export const invitationsPersonalRepository = {
  /** The invitation that led to this registration (a guest who accepted). */
  copy: (db: Db, eventId: string, registrationId: string) =>
    db
      .selectFrom('invitations')
      .select([
        'front_titles',
        'name',
        'back_titles',
        'position',
        'institution',
        'email',
        'phone',
        'seat_id',
        'status',
        'note',
        'created_at',
        'responded_at',
      ])
      .where('event_id', '=', eventId)
      .where('registration_id', '=', registrationId)
      .execute(),

  /** Blanks the guest's fields; the invitation stays with its status and seat, so the counts hold. */
  forget: (db: Db, eventId: string, registrationIds: string[]) =>
    db
      .updateTable('invitations')
      .set({
        front_titles: null,
        name: '—',
        back_titles: null,
        position: null,
        institution: null,
        email: null,
        phone: null,
        note: null,
      })
      .where('event_id', '=', eventId)
      .where('registration_id', 'in', registrationIds)
      .execute(),
};
