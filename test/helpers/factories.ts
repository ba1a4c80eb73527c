import type { Db } from '../../src/db/database.js';
import { newId, newSecretToken } from '../../src/shared/ids.js';

/**
 * Test data shared by several modules' tests. A factory that stores rows directly stands in for a
 * module's own writes when the test is about something else (a certificate, a report), so the row is
 * written exactly as the owning module writes it.
 */

/** A confirmed registration stored the way the registrations module stores it (tests only). */
export async function seedRegistration(
  db: Db,
  eventId: string,
  p: { name: string; frontTitles?: string; backTitles?: string; mode?: 'onsite' | 'online'; email?: string },
) {
  const now = Date.now();
  const row = {
    id: newId(),
    event_id: eventId,
    ticket_code: newSecretToken(),
    front_titles: p.frontTitles ?? null,
    name: p.name,
    back_titles: p.backTitles ?? null,
    institution: 'UMKM Kota Probolinggo',
    email: p.email ?? null,
    phone: null,
    mode: p.mode ?? 'onsite',
    status: 'confirmed' as const,
    source: 'manual',
    seat_id: null,
    waitlist_at: null,
    answers: null,
    consents: null,
    locale: 'id',
    created_at: now,
    updated_at: now,
    confirmed_at: now,
    cancelled_at: null,
  };
  await db.insertInto('registrations').values(row).execute();
  return { id: row.id, ticketCode: row.ticket_code };
}
