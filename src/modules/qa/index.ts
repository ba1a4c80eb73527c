import type { Db } from '../../db/database.js';
import { fullName } from '../../shared/names.js';
import { presentPoll } from './qa.presenter.js';
import { qaRepository } from './qa.repository.js';

export { loadScreen, loadSettings, qaSnapshot } from './qa.render.js';
export { qaRepository } from './qa.repository.js';
export { qaRoutes } from './qa.routes.js';
export { AskBody, cleanText, PollBody } from './qa.schemas.js';
export { createQaService, type QaService } from './qa.service.js';
export { browserId, peekVoterKey, resolveVoter, type Voter } from './qa.voter.js';

/** Questions and answers for the activity report: approved and answered ones, oldest first. */
export async function listQuestionsForReport(db: Db, eventId: string) {
  const rows = await qaRepository.visibleForReport(db, eventId);
  return rows.map((q) => ({
    id: q.id,
    text: q.text,
    origin: q.channel,
    author: q.anonymous ? null : q.author_name,
    votes: Number(q.votes),
    speaker: q.sp_name ? fullName({ frontTitles: q.sp_front, name: q.sp_name, backTitles: q.sp_back }) : null,
    answered: q.status === 'answered',
    askedAt: Number(q.created_at),
  }));
}

/** Polls (opened at least once) with their options and vote counts, for the report. */
export async function listPollsForReport(db: Db, eventId: string) {
  const polls = await qaRepository.listPolls(db, eventId, { includeDrafts: false });
  const options = await qaRepository.pollOptions(
    db,
    polls.map((p) => p.id),
  );
  return polls.map((p) => presentPoll(p, options));
}

/** The `questions` part of the event's stats (dismissed and merged ones excluded). */
export const questionStatsFor = (db: Db, eventId: string) => qaRepository.questionStats(db, eventId);
