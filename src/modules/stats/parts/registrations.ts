import type { Db } from '../../../db/database.js';

/** Confirmed per mode, waitlisted and cancelled, counted by the database in one grouped query. */
export async function registrationStats(db: Db, eventId: string) {
  const rows = await db
    .selectFrom('registrations')
    .select(['mode', 'status', (eb) => eb.fn.countAll<number>().as('n')])
    .where('event_id', '=', eventId)
    .where('status', 'in', ['confirmed', 'waitlisted', 'cancelled'])
    .groupBy(['mode', 'status'])
    .execute();
  const sum = (f: (r: (typeof rows)[number]) => boolean) =>
    rows.filter(f).reduce((a, r) => a + Number(r.n), 0);
  return {
    onsite: sum((r) => r.mode === 'onsite' && r.status === 'confirmed'),
    online: sum((r) => r.mode === 'online' && r.status === 'confirmed'),
    waitlisted: sum((r) => r.status === 'waitlisted'),
    cancelled: sum((r) => r.status === 'cancelled'),
  };
}
