import type { Db } from '../../db/database.js';

export const siteRepository = {
  /** Published events an organization is a partner of (not the owner). */
  partnerEvents: (db: Db, orgId: string) =>
    db
      .selectFrom('events')
      .innerJoin('event_partners', 'event_partners.event_id', 'events.id')
      .selectAll('events')
      .where('event_partners.org_id', '=', orgId)
      .where('events.status', '=', 'published')
      .orderBy('events.starts_at', 'desc')
      .limit(100)
      .execute(),
};
