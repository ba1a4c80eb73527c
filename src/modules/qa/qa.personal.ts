import type { PersonalDataPart } from '../registrations/index.js';
import { qaPersonalRepository as repo } from './personal.repository.js';

/**
 * Q&A's part of "Data saya" and erasure. Questions keep their text and votes and ballots stay counted; the
 * asker's name goes, and the voter key `t:<registration id>` then points to a registration that names no one.
 */
export const qaPersonalData: PersonalDataPart = {
  key: 'questions',
  tables: {
    questions: ['registration_id', 'author_name', 'author_key'],
    question_votes: ['voter_key'],
    poll_ballots: ['voter_key'],
    poll_answers: ['voter_key'],
  },
  copy: (db, who) => repo.copy(db, who.eventId, who.registrationId),
  async erase(db, who) {
    const eventId = who[0]?.eventId;
    if (eventId)
      await repo.forgetAuthors(
        db,
        eventId,
        who.map((p) => p.registrationId),
      );
  },
};
