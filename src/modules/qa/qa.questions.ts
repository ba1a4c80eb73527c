import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { QuestionDto } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { presentQuestion } from './qa.presenter.js';
import { qaRepository as repo } from './qa.repository.js';

// Lookups the Q&A service's asking and moderating parts share.

/** The question, when it belongs to this event (otherwise it does not exist for the caller). */
export async function questionIn(db: Db, event: EventRow, id: string) {
  const q = await repo.findQuestion(db, id);
  if (!q || q.event_id !== event.id) throw errors.notFound(what.question);
  return q;
}

export async function assertSpeaker(db: Db, eventId: string, speakerId: string) {
  if (!(await repo.findPerson(db, eventId, speakerId))) {
    throw errors.validation({
      id: 'speakerId: pembicara ini tidak ada di acara ini.',
      en: 'speakerId: this speaker is not part of this event.',
    });
  }
}

/** A question as staff see it (pending ones too), with whether it is on screen. */
export async function staffView(db: Db, id: string): Promise<QuestionDto> {
  const q = (await repo.findQuestion(db, id))!;
  const live = await repo.liveSettings(db, q.event_id);
  return presentQuestion(q, await repo.eventZone(db, q.event_id), live.screen_question_id);
}
