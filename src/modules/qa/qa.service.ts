import type { AppContext } from '../../context.js';
import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import { type Rendered, realtimeFor } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type {
  LiveRole,
  PollDto,
  QuestionDto,
  QuestionStatus,
  ScreenDto,
  SettingsDto,
} from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { isPublic, PUBLIC_STATUSES, presentPoll, presentQuestion } from './qa.presenter.js';
import { AlreadyVoted, MergeTargetGone, qaRepository as repo } from './qa.repository.js';
import type { AskInput, PollInput, PollPatchInput, QuestionPatchInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';

/** Per participant: at most this many questions in the window, and in all per event. */
export const QUESTION_BURST = { max: 3, windowMs: 60_000 };
export const QUESTIONS_PER_EVENT = 30;

const KIND_VOTES = 'qv';
const KIND_POLL_VOTES = 'pv';

export async function renderQuestion(db: Db, id: string): Promise<Rendered | null> {
  const q = await repo.findQuestion(db, id);
  if (!q) return null;
  const [tz, live] = await Promise.all([repo.eventZone(db, q.event_id), repo.liveSettings(db, q.event_id)]);
  const dto = presentQuestion(q, tz, live.screen_question_id);
  if (isPublic(q.status)) return { staff: { t: 'q', d: dto }, pub: 'same' };
  if (q.status === 'pending') return { staff: { t: 'q', d: dto }, pub: null };
  return { staff: { t: 'q', d: dto }, pub: { t: 'q.remove', d: { id: q.id } } };
}

export async function loadScreen(db: Db, eventId: string): Promise<ScreenDto> {
  const live = await repo.liveSettings(db, eventId);
  let question: QuestionDto | null = null;
  if (live.screen_question_id) {
    const q = await repo.findQuestion(db, live.screen_question_id);
    if (q && isPublic(q.status)) question = presentQuestion(q, await repo.eventZone(db, eventId), q.id);
  }
  return { question, pollId: live.screen_poll_id };
}

async function renderPoll(db: Db, id: string): Promise<Rendered | null> {
  const p = await repo.findPoll(db, id);
  if (!p) return null;
  const dto = presentPoll(p, await repo.pollOptions(db, [id]));
  return { staff: { t: 'poll', d: dto }, pub: p.status === 'draft' ? null : 'same' };
}

export async function loadSettings(db: Db, eventId: string): Promise<SettingsDto> {
  const s = await repo.liveSettings(db, eventId);
  return { moderation: s.moderation, qaOpen: !!s.qa_open };
}

/** What a client of `role` sees of the Q&A and polls (the live module adds the stage). */
export async function qaSnapshot(db: Db, eventId: string, role: LiveRole) {
  const [tz, live] = await Promise.all([repo.eventZone(db, eventId), repo.liveSettings(db, eventId)]);
  const rows = await repo.listQuestions(
    db,
    eventId,
    role === 'staff' ? { limit: 1000 } : { statuses: PUBLIC_STATUSES, limit: 500 },
  );
  const polls = await repo.listPolls(db, eventId, { includeDrafts: role === 'staff' });
  const options = await repo.pollOptions(
    db,
    polls.map((p) => p.id),
  );
  return {
    questions: rows.map((q) => presentQuestion(q, tz, live.screen_question_id)),
    polls: polls.map((p) => presentPoll(p, options)),
    screen: await loadScreen(db, eventId),
    settings: { moderation: live.moderation, qaOpen: !!live.qa_open } satisfies SettingsDto,
  };
}

export function createQaService(ctx: AppContext) {
  const { db } = ctx;
  const rt = realtimeFor(ctx);

  rt.defineCoalesced(KIND_VOTES, async (trx, _eventId, ids) => {
    const rows = await repo.votesOf(trx, ids);
    if (!rows.length) return null;
    const staff: Record<string, number> = {};
    const pub: Record<string, number> = {};
    for (const r of rows) {
      staff[r.id] = Number(r.votes);
      if (isPublic(r.status)) pub[r.id] = Number(r.votes);
    }
    return { staff: { t: 'votes', d: staff }, pub: Object.keys(pub).length ? { t: 'votes', d: pub } : null };
  });

  rt.defineCoalesced(KIND_POLL_VOTES, async (trx, eventId, ids) => {
    const polls = await repo.listPolls(trx, eventId, { includeDrafts: false, ids });
    if (!polls.length) return null;
    const options = await repo.pollOptions(
      trx,
      polls.map((p) => p.id),
    );
    const d: Record<string, { options: Record<string, number>; voters: number }> = {};
    for (const p of polls) {
      d[p.id] = {
        voters: Number(p.voters),
        options: Object.fromEntries(
          options.filter((o) => o.poll_id === p.id).map((o) => [o.id, Number(o.votes)]),
        ),
      };
    }
    return { staff: { t: 'poll.votes', d }, pub: 'same' };
  });

  const publishQuestion = (eventId: string, id: string) =>
    rt.publish(eventId, (trx) => renderQuestion(trx, id));
  const publishScreen = (eventId: string) =>
    rt.publish(eventId, async (trx) => ({
      staff: { t: 'screen', d: await loadScreen(trx, eventId) },
      pub: 'same',
    }));
  const publishPoll = (eventId: string, id: string) => rt.publish(eventId, (trx) => renderPoll(trx, id));

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
        await publishScreen(event.id);
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
        throw errors.conflict('merge_target', {
          id: 'Pertanyaan tujuan sudah digabung atau ditolak. Pilih pertanyaan lain.',
          en: 'The target question is merged or dismissed. Choose another one.',
        });
      }
      let merged: boolean;
      try {
        merged = await repo.merge(db, source.id, target.id);
      } catch (err) {
        if (err instanceof MergeTargetGone) {
          throw errors.conflict('merge_target', {
            id: 'Pertanyaan tujuan baru saja digabung atau ditolak.',
            en: 'The target question was just merged or dismissed.',
          });
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
      if (cleared) await publishScreen(event.id);
      return staffView(target.id);
    },

    // Polls

    async listPolls(event: EventRow, role: LiveRole): Promise<PollDto[]> {
      const polls = await repo.listPolls(db, event.id, { includeDrafts: role === 'staff' });
      const options = await repo.pollOptions(
        db,
        polls.map((p) => p.id),
      );
      return polls.map((p) => presentPoll(p, options));
    },

    async pollDto(id: string): Promise<PollDto> {
      const p = (await repo.findPoll(db, id))!;
      return presentPoll(p, await repo.pollOptions(db, [id]));
    },

    async createPoll(event: EventRow, input: PollInput): Promise<PollDto> {
      const id = newId();
      await repo.insertPoll(
        db,
        {
          id,
          event_id: event.id,
          question: input.question,
          kind: input.kind,
          status: 'draft',
          voters: 0,
          created_at: Date.now(),
          opened_at: null,
          closed_at: null,
        },
        input.options.map((label, position) => ({ id: newId(), poll_id: id, position, label, votes: 0 })),
      );
      await publishPoll(event.id, id);
      return service.pollDto(id);
    },

    async updatePoll(event: EventRow, pollId: string, patch: PollPatchInput): Promise<PollDto> {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      if (patch.question !== undefined || patch.options !== undefined) {
        if (p.status !== 'draft') throw errors.pollStarted();
        const upd = await repo.updatePoll(
          db,
          p.id,
          patch.question ? { question: patch.question } : { status: 'draft' },
          ['draft'],
        );
        if (Number(upd.numUpdatedRows) === 0) throw errors.pollStarted();
        if (patch.options) {
          await repo.replaceOptions(
            db,
            p.id,
            patch.options.map((label, position) => ({
              id: newId(),
              poll_id: p.id,
              position,
              label,
              votes: 0,
            })),
          );
        }
      }
      const now = Date.now();
      if (patch.status === 'open' && p.status !== 'open')
        await repo.updatePoll(db, p.id, { status: 'open', opened_at: p.opened_at ?? now, closed_at: null });
      if (patch.status === 'closed' && p.status === 'open')
        await repo.updatePoll(db, p.id, { status: 'closed', closed_at: now });
      if (patch.status === 'closed' && p.status === 'draft') throw errors.pollNotOpen();
      await publishPoll(event.id, p.id);
      const live = await repo.liveSettings(db, event.id);
      const after = (await repo.findPoll(db, p.id))!;
      if (patch.onScreen === true && after.status !== 'draft' && live.screen_poll_id !== p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: p.id });
        await publishScreen(event.id);
      } else if (patch.onScreen === false && live.screen_poll_id === p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: null });
        await publishScreen(event.id);
      } else if (patch.onScreen === true && after.status === 'draft') {
        throw errors.pollNotOpen();
      }
      return service.pollDto(p.id);
    },

    async deletePoll(event: EventRow, pollId: string) {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.event_id !== event.id) throw errors.notFound(what.poll);
      const live = await repo.liveSettings(db, event.id);
      await repo.deletePoll(db, p.id);
      await rt.publish(event.id, async () => ({ staff: { t: 'poll.remove', d: { id: p.id } }, pub: 'same' }));
      if (live.screen_poll_id === p.id) {
        await repo.setScreen(db, event.id, { screen_poll_id: null });
        await publishScreen(event.id);
      }
    },

    async votePoll(pollId: string, voter: Voter, optionIds: string[]) {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.status === 'draft') throw errors.notFound(what.poll);
      if (p.status !== 'open') throw errors.pollNotOpen();
      const ids = [...new Set(optionIds)];
      const known = new Set((await repo.pollOptions(db, [p.id])).map((o) => o.id));
      if (ids.some((id) => !known.has(id)) || (p.kind === 'single' && ids.length !== 1)) {
        throw errors.validation({
          id:
            p.kind === 'single'
              ? 'optionIds: pilih tepat satu pilihan dari jajak pendapat ini.'
              : 'optionIds: pilih dari pilihan jajak pendapat ini.',
          en:
            p.kind === 'single'
              ? 'optionIds: choose exactly one option of this poll.'
              : 'optionIds: choose among the options of this poll.',
        });
      }
      try {
        const r = await repo.castBallot(db, p.id, voter.key, ids);
        if (r === 'closed') throw errors.pollNotOpen();
      } catch (err) {
        if (err instanceof AlreadyVoted)
          return { pollId: p.id, counted: false, optionIds: await service.ballotOf(p.id, voter) };
        throw err;
      }
      rt.touch(KIND_POLL_VOTES, p.event_id, p.id);
      return { pollId: p.id, counted: true, optionIds: ids };
    },

    async ballotOf(pollId: string, voter: Voter): Promise<string[]> {
      const b = await repo.ballotOf(db, [pollId], voter.key);
      return b[0] ? (JSON.parse(b[0].option_ids) as string[]) : [];
    },

    async ballotsOf(event: EventRow, voter: Voter): Promise<Record<string, string[]>> {
      const polls = await repo.listPolls(db, event.id, { includeDrafts: false });
      const rows = await repo.ballotOf(
        db,
        polls.map((p) => p.id),
        voter.key,
      );
      return Object.fromEntries(rows.map((r) => [r.poll_id, JSON.parse(r.option_ids) as string[]]));
    },

    publishScreen,
  };
  return service;
}

export type QaService = ReturnType<typeof createQaService>;
