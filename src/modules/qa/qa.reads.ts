import type { Db } from '../../db/database.js';
import { fullName } from '../../shared/names.js';
import type { LiveRole } from '../../shared/realtime.js';
import { presentPolls } from './qa.poll-kinds.js';
import { qaSnapshot } from './qa.render.js';
import { qaRepository as repo } from './qa.repository.js';

/**
 * What the Q&A service offers to read (and the one erasure): for the live pages, the reports and the
 * stats. Part of the Q&A service (spread into it), kept apart from the rules of asking and moderating.
 */
export function qaReads(db: Db) {
  return {
    /** Finds a question and its event id (routes then check the caller's rights on that event). */
    findQuestion: (id: string) => repo.findQuestion(db, id),
    findPoll: (id: string) => repo.findPoll(db, id),

    /** What a joining client of `role` sees of the Q&A and polls (the live service adds the stage). */
    snapshot: (eventId: string, role: LiveRole) => qaSnapshot(db, eventId, role),

    /** The event's speakers, in program order (to address a question to one). */
    speakers: (eventId: string) => repo.listSpeakers(db, eventId),
    speaker: (eventId: string, personId: string) => repo.findPerson(db, eventId, personId),

    /** The active registration behind a ticket code, when it belongs to this event. */
    async ticketHolder(eventId: string, ticketCode: string) {
      const t = await repo.findTicket(db, eventId, ticketCode);
      return t && t.status !== 'cancelled' && t.status !== 'declined' ? t : null;
    },

    /** Questions and answers for the activity report: approved and answered ones, oldest first. */
    async questionsForReport(eventId: string) {
      const rows = await repo.visibleForReport(db, eventId);
      return rows.map((q) => ({
        id: q.id,
        text: q.text,
        origin: q.channel,
        author: q.anonymous ? null : q.author_name,
        votes: Number(q.votes),
        speaker: q.sp_name
          ? fullName({ frontTitles: q.sp_front, name: q.sp_name, backTitles: q.sp_back })
          : null,
        answered: q.status === 'answered',
        askedAt: Number(q.created_at),
      }));
    },

    /** Polls (opened at least once) with their options and vote counts, for the report. */
    async pollsForReport(eventId: string) {
      const polls = await repo.listPolls(db, eventId, { includeDrafts: false });
      const options = await repo.pollOptions(
        db,
        polls.map((p) => p.id),
      );
      // Word clouds' words and approved open answers too, as participants saw them.
      return presentPolls(db, polls, options, 'public');
    },

    /** The `questions` part of the event's stats (dismissed and merged ones excluded). */
    questionStats: (eventId: string) => repo.questionStats(db, eventId),
  };
}
