import type { Bus } from '../../../bus/bus.js';
import type { Db } from '../../../db/database.js';
import { nameSearchKey } from '../../../shared/names.js';
import { phoneSearchDigits } from '../../registrations/index.js';
import { normalizeTicketCode } from '../attendance.schemas.js';
import { checkinRepository as repo } from './checkin.repository.js';

type IndexRow = Awaited<ReturnType<typeof repo.searchIndex>>[number];
interface Entry {
  id: string;
  key: string;
  phone: string;
  email: string;
  ticket: string;
}

const LIMIT = 20;
/** How long an event's index is reused: staff type a name letter by letter, a query each. */
const TTL_MS = 5000;

const entryOf = (r: IndexRow): Entry => ({
  id: r.id,
  // The titles are kept apart from the name; a name typed with its titles folds the same way.
  key: nameSearchKey(r.name),
  phone: r.phone?.replace(/\D/g, '') ?? '',
  email: r.email?.toLowerCase() ?? '',
  ticket: r.ticket_code.toLowerCase(),
});

/**
 * Door search as people speak: a ticket code, a phone number in any local spelling (or a part of it), an
 * e-mail, or a name without its titles and diacritics — the words in any order, each a part of the name.
 * Diacritics cannot be folded in SQL on both engines, so each event's names are folded once into an index
 * kept a few seconds (built once per service, src/services.ts) and the matches are read by id.
 */
export function createDoorSearch(db: Db, bus: Bus) {
  const indexes = new Map<string, { at: number; entries: Promise<Entry[]> }>();

  function indexOf(eventId: string): Promise<Entry[]> {
    const hit = indexes.get(eventId);
    if (hit && Date.now() - hit.at < TTL_MS) return hit.entries;
    const entries = repo.searchIndex(db, eventId).then((rows) => rows.map(entryOf));
    indexes.set(eventId, { at: Date.now(), entries });
    // A failed read is not kept.
    entries.catch(() => indexes.delete(eventId));
    return entries;
  }

  async function search(eventId: string, q: string) {
    const text = q.trim();
    const entries = await indexOf(eventId);
    const digits = phoneSearchDigits(text);
    const code = normalizeTicketCode(text);
    const email = text.includes('@') ? text.toLowerCase() : null;
    const words = digits ? [] : nameSearchKey(text).split(' ').filter(Boolean);
    const found: string[] = [];
    for (const e of entries) {
      const hit =
        (code !== null && e.ticket === code) ||
        (email !== null && e.email === email) ||
        (digits !== null && e.phone.includes(digits)) ||
        (words.length > 0 && words.every((w) => e.key.includes(w)));
      if (hit) found.push(e.id);
      if (found.length >= LIMIT * 5) break;
    }
    const rows = await repo.searchRows(db, eventId, found);
    // Best first: the name starting with what was typed, then by name.
    const first = words[0] ?? '';
    const rank = (name: string) => (first && nameSearchKey(name).startsWith(first) ? 0 : 1);
    return rows
      .sort((a, b) => rank(a.name) - rank(b.name) || a.name.localeCompare(b.name, 'id'))
      .slice(0, LIMIT);
  }
  // A person who registers at the door (or on their phone in the queue) is searched for at once: every
  // registration change drops the event's index (on every node) instead of waiting out the TTL.
  for (const name of [
    'registration.created',
    'registration.changed',
    'registration.cancelled',
    'registration.promoted',
    'registration.anonymized',
  ] as const)
    bus.onEveryNodeAtOnce(name, (p) => void indexes.delete(p.eventId));
  return search;
}
