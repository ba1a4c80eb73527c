import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { LiveRole, QuestionDto, QuestionStatus } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { onlyChannel } from './qa.channels.js';
import { qaModeration } from './qa.moderation.js';
import type { PollService } from './qa.polls.service.js';
import { isPublic, PUBLIC_STATUSES, presentQuestion } from './qa.presenter.js';
import { assertSpeaker, staffView } from './qa.questions.js';
import { qaReads } from './qa.reads.js';
import { defineQaCoalescing, KIND_VOTES, publishQuestion } from './qa.render.js';
import { qaRepository as repo } from './qa.repository.js';
import type { AskInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';
import { qaVotesRepository as votes } from './qa.votes.repository.js';

/** Per participant: at most this many questions in the window, and in all per event. */
const QUESTION_BURST = { max: 3, windowMs: 60_000 };
const QUESTIONS_PER_EVENT = 30;

/**
 * Questions: ask, vote and list here; moderating (qa.moderation.ts) and what reports and the live
 * pages read (qa.reads.ts) are part of this service, and so are the polls (built beside it in
 * src/services.ts and handed in).
 */
export function createQaService(ctx: AppContext, deps: { realtime: Realtime; polls: PollService }) {
  const { db } = ctx;
  const rt = deps.realtime;

  defineQaCoalescing(rt);

  const service = {
    async ask(
      event: EventRow,
      input: AskInput,
      voter: Voter,
    ): Promise<{ question: QuestionDto; created: boolean }> {
      const live = await repo.liveSettings(db, event.id);
      if (!live.qa_open) throw errors.qaClosed();
      const dup = await repo.findDuplicate(db, event.id, voter.key, input.text);
      if (dup) return { question: await staffView(db, dup.id), created: false };
      const now = Date.now();
      const recent = await repo.countByAuthorSince(db, event.id, voter.key, now - QUESTION_BURST.windowMs);
      if (recent >= QUESTION_BURST.max)
        throw errors.tooManyQuestions(Math.ceil(QUESTION_BURST.windowMs / 1000));
      if ((await repo.countByAuthorSince(db, event.id, voter.key, 0)) >= QUESTIONS_PER_EVENT) {
        throw errors.tooManyQuestions(3600);
      }
      if (input.speakerId) await assertSpeaker(db, event.id, input.speakerId);
      const status: QuestionStatus = live.moderation === 'auto' ? 'approved' : 'pending';
      const id = newId();
      await repo.insertQuestion(db, {
        id,
        event_id: event.id,
        channel: onlyChannel(event) ?? input.channel,
        text: input.text,
        author_name: input.anonymous ? null : (input.authorName ?? voter.name),
        anonymous: input.anonymous ? 1 : 0,
        registration_id: voter.registrationId,
        author_key: voter.key,
        status,
        speaker_id: input.speakerId ?? null,
        merged_into: null,
        votes: 0,
        created_at: now,
        updated_at: now,
        approved_at: status === 'approved' ? now : null,
        answered_at: null,
      });
      await publishQuestion(rt, event.id, id);
      return { question: await staffView(db, id), created: true };
    },

    async vote(questionId: string, voter: Voter, on: boolean) {
      const q = await repo.findQuestion(db, questionId);
      // Participants can only vote on what they can see: pending and dismissed questions do not exist for them.
      if (!q || !isPublic(q.status)) {
        if (q?.status === 'merged') throw errors.questionMerged();
        throw errors.notFound(what.question);
      }
      const r = on ? await votes.addVote(db, q.id, voter.key) : await votes.removeVote(db, q.id, voter.key);
      const changed = 'added' in r ? r.added : r.removed;
      if (changed) rt.touch(KIND_VOTES, q.event_id, q.id);
      return { questionId: q.id, votes: r.votes, voted: on, changed };
    },

    async votedBy(event: EventRow, voter: Voter) {
      return votes.votedBy(db, event.id, voter.key);
    },

    async list(
      event: EventRow,
      role: LiveRole,
      f: { sort: 'votes' | 'time'; status?: QuestionStatus; channel?: string; speakerId?: string },
    ) {
      const statuses =
        role === 'staff'
          ? f.status
            ? [f.status]
            : undefined
          : f.status && isPublic(f.status)
            ? [f.status]
            : PUBLIC_STATUSES;
      const [rows, live] = await Promise.all([
        repo.listQuestions(db, event.id, { statuses, channel: f.channel, speakerId: f.speakerId }),
        repo.liveSettings(db, event.id),
      ]);
      const out = rows.map((q) => presentQuestion(q, event.timezone, live.screen_question_id));
      if (f.sort === 'votes') out.sort((a, b) => b.votes - a.votes || a.createdAt.localeCompare(b.createdAt));
      else out.sort((a, b) => b.createdAt.localeCompare(a.createdAt));
      return out;
    },

    /** Whether the organizer opened participation: voting without a ticket, with the live page's voter. */
    votingOpen: async (eventId: string) => !!(await repo.liveSettings(db, eventId)).open_voting,
    isVoter: (eventId: string, voterId: string) => votes.isVoter(db, eventId, voterId),
    takeVoterSlot: (eventId: string, address: string, minute: number, max: number) =>
      votes.takeVoterSlot(db, eventId, address, minute, max),
    addVoter: (eventId: string, voterId: string, address: string) =>
      votes.addVoter(db, eventId, voterId, address),

    ...qaModeration(db, rt),
    ...qaReads(db),
    ...deps.polls,
  };
  return service;
}

export type QaService = ReturnType<typeof createQaService>;
