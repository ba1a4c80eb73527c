import type { AppContext } from '../../context.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import { fullName } from '../../shared/names.js';
import type { LiveRole, QuestionDto, QuestionStatus } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import type { PollService } from './qa.polls.service.js';
import { isPublic, PUBLIC_STATUSES, presentPoll, presentQuestion } from './qa.presenter.js';
import { defineQaCoalescing, KIND_VOTES, publishScreen, qaSnapshot, renderQuestion } from './qa.render.js';
import { MergeTargetGone, qaRepository as repo } from './qa.repository.js';
import type { AskInput, QuestionPatchInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';

/** Per participant: at most this many questions in the window, and in all per event. */
const QUESTION_BURST = { max: 3, windowMs: 60_000 };
const QUESTIONS_PER_EVENT = 30;

/**
 * Questions: ask, vote, moderate, merge, and what reports and the live pages read of them; the polls
 * (built beside it in src/services.ts) are offered as methods of this service too.
 */
export function createQaService(ctx: AppContext, deps: { realtime: Realtime; polls: PollService }) {
  const { db } = ctx;
  const rt = deps.realtime;

  defineQaCoalescing(rt);

  const publishQuestion = (eventId: string, id: string) =>
    rt.publish(eventId, (trx) => renderQuestion(trx, id));

  async function questionIn(event: EventRow, id: string) {
    const q = await repo.findQuestion(db, id);
    if (!q || q.event_id !== event.id) throw errors.notFound(what.question);
    return q;
  }

  async function assertSpeaker(eventId: string, speakerId: string) {
    if (!(await repo.findPerson(db, eventId, speakerId))) {
      throw errors.validation({
        id: 'speakerId: pembicara ini tidak ada di acara ini.',
        en: 'speakerId: this speaker is not part of this event.',
      });
    }
  }

  async function staffView(id: string): Promise<QuestionDto> {
    const q = (await repo.findQuestion(db, id))!;
    const live = await repo.liveSettings(db, q.event_id);
    return presentQuestion(q, await repo.eventZone(db, q.event_id), live.screen_question_id);
  }

  const service = {
    /** Finds a question and its event id (routes then check the caller's rights on that event). */
    findQuestion: (id: string) => repo.findQuestion(db, id),
    findPoll: (id: string) => repo.findPoll(db, id),

    async ask(
      event: EventRow,
      input: AskInput,
      voter: Voter,
    ): Promise<{ question: QuestionDto; created: boolean }> {
      const live = await repo.liveSettings(db, event.id);
      if (!live.qa_open) throw errors.qaClosed();
      const dup = await repo.findDuplicate(db, event.id, voter.key, input.text);
      if (dup) return { question: await staffView(dup.id), created: false };
      const now = Date.now();
      const recent = await repo.countByAuthorSince(db, event.id, voter.key, now - QUESTION_BURST.windowMs);
      if (recent >= QUESTION_BURST.max)
        throw errors.tooManyQuestions(Math.ceil(QUESTION_BURST.windowMs / 1000));
      if ((await repo.countByAuthorSince(db, event.id, voter.key, 0)) >= QUESTIONS_PER_EVENT) {
        throw errors.tooManyQuestions(3600);
      }
      if (input.speakerId) await assertSpeaker(event.id, input.speakerId);
      const status: QuestionStatus = live.moderation === 'auto' ? 'approved' : 'pending';
      const id = newId();
      await repo.insertQuestion(db, {
        id,
        event_id: event.id,
        channel: input.channel,
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
      await publishQuestion(event.id, id);
      return { question: await staffView(id), created: true };
    },

    async vote(questionId: string, voter: Voter, on: boolean) {
      const q = await repo.findQuestion(db, questionId);
      // Participants can only vote on what they can see: pending and dismissed questions do not exist for them.
      if (!q || !isPublic(q.status)) {
        if (q?.status === 'merged') throw errors.questionMerged();
        throw errors.notFound(what.question);
      }
      const r = on ? await repo.addVote(db, q.id, voter.key) : await repo.removeVote(db, q.id, voter.key);
      const changed = 'added' in r ? r.added : r.removed;
      if (changed) rt.touch(KIND_VOTES, q.event_id, q.id);
      return { questionId: q.id, votes: r.votes, voted: on, changed };
    },

    async votedBy(event: EventRow, voter: Voter) {
      return repo.votedBy(db, event.id, voter.key);
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

    async moderate(
      event: EventRow,
      id: string,
      patch: QuestionPatchInput,
      actorId: string | null,
    ): Promise<QuestionDto> {
      const q = await questionIn(event, id);
      if (q.status === 'merged') throw errors.questionMerged();
      if (patch.speakerId) await assertSpeaker(event.id, patch.speakerId);
      const now = Date.now();
      // Putting a question on screen approves it: the hall sees only what participants may see.
      const status = patch.status ?? (patch.onScreen && q.status === 'pending' ? 'approved' : undefined);
      const upd = await repo.updateQuestion(
        db,
        q.id,
        {
          ...(status ? { status } : {}),
          ...(status === 'approved' && !q.approved_at ? { approved_at: now } : {}),
          ...(status === 'answered'
            ? { answered_at: now, ...(q.approved_at ? {} : { approved_at: now }) }
            : {}),
          ...(status && status !== 'answered' ? { answered_at: null } : {}),
          ...(patch.speakerId !== undefined ? { speaker_id: patch.speakerId } : {}),
          ...(patch.text !== undefined ? { text: patch.text } : {}),
        },
        ['pending', 'approved', 'answered', 'dismissed'],
      );
      if (Number(upd.numUpdatedRows) === 0) throw errors.questionMerged();
      if (patch.text !== undefined && patch.text !== q.text) {
        await repo.audit(db, {
          id: newId(),
          event_id: event.id,
          actor_user_id: actorId,
          action: 'question.edit',
          target: q.id,
          data: JSON.stringify({ before: q.text }),
        });
      }
      let screenChanged = false;
      const finalStatus = status ?? q.status;
      if (patch.onScreen === true && isPublic(finalStatus)) {
        await repo.setScreen(db, event.id, { screen_question_id: q.id });
        screenChanged = true;
      } else if (patch.onScreen === false || !isPublic(finalStatus)) {
        screenChanged = Number((await repo.clearScreenIf(db, event.id, q.id)).numUpdatedRows) > 0;
      }
      await publishQuestion(event.id, q.id);
      if (screenChanged || (await repo.liveSettings(db, event.id)).screen_question_id === q.id)
        await publishScreen(rt, event.id);
      return staffView(q.id);
    },

    async merge(event: EventRow, sourceId: string, targetId: string, actorId: string | null) {
      if (sourceId === targetId) {
        throw errors.validation({
          id: 'into: tidak bisa digabung ke dirinya sendiri.',
          en: 'into: cannot merge a question into itself.',
        });
      }
      const source = await questionIn(event, sourceId);
      const target = await questionIn(event, targetId);
      if (source.status === 'merged') throw errors.questionMerged();
      if (target.status === 'merged' || target.status === 'dismissed') {
        throw errors.mergeTargetGone(false);
      }
      let merged: boolean;
      try {
        merged = await repo.merge(db, source.id, target.id);
      } catch (err) {
        if (err instanceof MergeTargetGone) {
          throw errors.mergeTargetGone(true);
        }
        throw err;
      }
      if (!merged) throw errors.questionMerged();
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actorId,
        action: 'question.merge',
        target: source.id,
        data: JSON.stringify({ into: target.id }),
      });
      const cleared = Number((await repo.clearScreenIf(db, event.id, source.id)).numUpdatedRows) > 0;
      await publishQuestion(event.id, source.id);
      await publishQuestion(event.id, target.id);
      if (cleared) await publishScreen(rt, event.id);
      return staffView(target.id);
    },

    /** UU PDP erasure: the question stays (it belongs to the seminar's record), the asker's name goes. */
    forgetAuthors: (registrationIds: string[]) => repo.forgetAuthors(db, registrationIds),

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
      return polls.map((p) => presentPoll(p, options));
    },

    /** The `questions` part of the event's stats (dismissed and merged ones excluded). */
    questionStats: (eventId: string) => repo.questionStats(db, eventId),

    ...deps.polls,
  };
  return service;
}

export type QaService = ReturnType<typeof createQaService>;
