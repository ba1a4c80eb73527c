import type { Db } from '../../src/db/database.js';
import { newId } from '../../src/shared/ids.js';
import { registrationRow } from './factories.js';

interface FakeRegistration {
  id: string;
  ticketCode: string;
  name: string;
}

/**
 * Inserts registrations the way the registrations module stores them, for attendance tests (and the
 * check-in and report benchmarks) that need hundreds of people quickly (the public registration API is tested in its own module).
 */
export async function seedRegistrations(
  db: Db,
  eventId: string,
  count: number,
  opts: {
    mode?: 'onsite' | 'online';
    status?: 'confirmed' | 'cancelled' | 'waitlisted';
    prefix?: string;
    withEmail?: boolean;
  } = {},
): Promise<FakeRegistration[]> {
  // Consecutive numbers from a random start: unique within a call, and calls rarely meet.
  const phoneBase = Math.floor(Math.random() * 9e7);
  const rows = Array.from({ length: count }, (_, i) => {
    const name = `${opts.prefix ?? 'Peserta'} ${String(i + 1).padStart(3, '0')}`;
    return registrationRow(eventId, {
      name,
      institution: 'UMKM Probolinggo',
      email:
        opts.withEmail === false
          ? null
          : `${name.toLowerCase().replace(/\s+/g, '.')}.${newId().slice(-6)}@example.test`,
      phone: `+62812${String((phoneBase + i) % 1e8).padStart(8, '0')}`,
      mode: opts.mode ?? 'onsite',
      status: opts.status ?? 'confirmed',
    });
  });
  for (let i = 0; i < rows.length; i += 200)
    await db
      .insertInto('registrations')
      .values(rows.slice(i, i + 200))
      .execute();
  return rows.map((r) => ({ id: r.id, ticketCode: r.ticket_code, name: r.name }));
}
