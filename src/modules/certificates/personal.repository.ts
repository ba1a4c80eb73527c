import { scrubAudit } from '../../db/audit.js';
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

  /** The audit lines of these people's certificates (a reissue notes the names before and after) lose the names. */
  async forgetAudit(db: Db, eventId: string, registrationIds: string[]) {
    const certs = await db
      .selectFrom('certificates')
      .select('id')
      .where('event_id', '=', eventId)
      .where('registration_id', 'in', registrationIds)
      .execute();
    await scrubAudit(
      db,
      eventId,
      certs.map((c) => c.id),
      ['from', 'to', 'name'],
    );
  },
};
