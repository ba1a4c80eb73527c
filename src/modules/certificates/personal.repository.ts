import type { Db } from '../../db/database.js';

export const certificatesPersonalRepository = {
  /** The certificates issued on this registration, as the person's copy shows them. */
  copy: (db: Db, eventId: string, registrationId: string) =>
    db
      .selectFrom('certificates')
      .select([
        'number',
        'code',
        'role',
        'front_titles',
        'name',
        'back_titles',
        'email',
        'status',
        'issued_at',
      ])
      .where('event_id', '=', eventId)
      .where('registration_id', '=', registrationId)
      .execute(),
};
