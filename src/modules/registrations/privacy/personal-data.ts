import type { Db } from '../../../db/database.js';

/** The person a copy or an erasure is about: one registration, with the contacts it still holds. */
export interface DataSubject {
  registrationId: string;
  eventId: string;
  email: string | null;
  phone: string | null;
}

/**
 * What one module keeps about a person (UU PDP): its tables and their personal columns, a copy for "Data saya",
 * and the erasure. Each module exports its part through its index.ts; src/modules/personal-data.ts lists them
 * all, the privacy service runs them, and test/erasure.test.ts fails when a table with personal columns is in
 * no part.
 */
export interface PersonalDataPart {
  /** The part's key in the JSON copy ("attendance", "questions", …). */
  key: string;
  /** table → its columns that hold or point to the person. */
  tables: Readonly<Record<string, readonly string[]>>;
  /** What the module keeps about this person, as plain JSON (empty list or null when nothing). */
  copy(db: Db, who: DataSubject): Promise<unknown>;
  /**
   * Forgets these people (all of one event). Runs before the registration itself is blanked, so the contacts
   * are still known; safe to run twice. Counts (check-ins, votes, answers) stay, no longer linked to a name.
   */
  erase(db: Db, who: DataSubject[], now: number): Promise<void>;
}
