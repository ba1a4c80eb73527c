import type { Db } from '../../src/db/database.js';
import { newId, newSecretToken } from '../../src/shared/ids.js';

/**
 * Test data shared by several modules' tests. A factory that stores rows directly stands in for a
 * module's own writes when the test is about something else (a certificate, a report), so the row is
 * written exactly as the owning module writes it.
 */

interface RegistrationFields {
  name: string;
  front_titles?: string | null;
  back_titles?: string | null;
  institution?: string | null;
  email?: string | null;
  phone?: string | null;
  mode?: 'onsite' | 'online';
  status?: 'confirmed' | 'cancelled' | 'waitlisted';
  source?: string;
}

/** A registrations row as the registrations module stores it: confirmed on site unless `fields` say otherwise. */
export function registrationRow(eventId: string, fields: RegistrationFields) {
  const now = Date.now();
  return {
    id: newId(),
    event_id: eventId,
    ticket_code: newSecretToken(),
    front_titles: null,
    back_titles: null,
    institution: null,
    email: null,
    phone: null,
    mode: 'onsite' as const,
    status: 'confirmed' as const,
    source: 'self',
    seat_id: null,
    waitlist_at: null,
    answers: null,
    consents: null,
    locale: 'id',
    created_at: now,
    updated_at: now,
    confirmed_at: now,
    cancelled_at: null,
    ...fields,
  };
}

/** A confirmed registration stored the way the registrations module stores it (tests only). */
export async function seedRegistration(
  db: Db,
  eventId: string,
  p: { name: string; frontTitles?: string; backTitles?: string; mode?: 'onsite' | 'online'; email?: string },
) {
  const row = registrationRow(eventId, {
    name: p.name,
    front_titles: p.frontTitles ?? null,
    back_titles: p.backTitles ?? null,
    institution: 'UMKM Kota Probolinggo',
    email: p.email ?? null,
    mode: p.mode ?? 'onsite',
    source: 'manual',
  });
  await db.insertInto('registrations').values(row).execute();
  return { id: row.id, ticketCode: row.ticket_code };
}
