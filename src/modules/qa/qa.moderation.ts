import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { QuestionDto } from '../../shared/realtime.js';
import type { EventRow } from '../events/index.js';
import { isPublic } from './qa.presenter.js';
import { assertSpeaker, questionIn, staffView } from './qa.questions.js';
import { publishQuestion, publishScreen } from './qa.render.js';
import { qaRepository as repo } from './qa.repository.js';
import type { QuestionPatchInput } from './qa.schemas.js';
import { MergeTargetGone, qaVotesRepository as votes } from './qa.votes.repository.js';

/** The moderators' actions on questions (part of the Q&A service): status, text, speaker, screen, merge, unmerge. */
export function qaModeration(db: Db, rt: Realtime) {
  return {
    async moderate(
      event: EventRow,
      id: string,
      patch: QuestionPatchInput,
      actorId: string | null,
    ): Promise<QuestionDto> {
      const q = await questionIn(db, event, id);
      if (q.status === 'merged') throw errors.questionMerged();
      if (patch.speakerId) await assertSpeaker(db, event.id, patch.speakerId);
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
          data: { before: q.text },
        });
      }
      let screenChanged = false;
      const finalStatus = status ?? q.status;
      if (patch.onScreen === true && isPublic(finalStatus)) {
        await repo.setScreen(db, event.id, { screen_question_id: q.id });
        screenChanged = true;
      } else if (patch.onScreen === false || !isPublic(finalStatus) || patch.status === 'answered') {
        // An answered question leaves the projector and the overlay: the hall moves on to the next one.
        screenChanged = Number((await repo.clearScreenIf(db, event.id, q.id)).numUpdatedRows) > 0;
      }
      await publishQuestion(rt, event.id, q.id);
      if (screenChanged || (await repo.liveSettings(db, event.id)).screen_question_id === q.id)
        await publishScreen(rt, event.id);
      return staffView(db, q.id);
    },

    async merge(event: EventRow, sourceId: string, targetId: string, actorId: string | null) {
      if (sourceId === targetId) {
        throw errors.validation({
          id: 'into: tidak bisa digabung ke dirinya sendiri.',
          en: 'into: cannot merge a question into itself.',
        });
      }
      const source = await questionIn(db, event, sourceId);
      const target = await questionIn(db, event, targetId);
      if (source.status === 'merged') throw errors.questionMerged();
      if (target.status === 'merged' || target.status === 'dismissed') {
        throw errors.mergeTargetGone(false);
      }
      let merged: boolean;
      try {
        merged = await votes.merge(db, source.id, target.id);
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
        data: { into: target.id },
      });
      const cleared = Number((await repo.clearScreenIf(db, event.id, source.id)).numUpdatedRows) > 0;
      await publishQuestion(rt, event.id, source.id);
      await publishQuestion(rt, event.id, target.id);
      if (cleared) await publishScreen(rt, event.id);
      return staffView(db, target.id);
    },

    /** Undoes a merge: both questions as they were, each with its own votes. Returns the source. */
    async unmerge(event: EventRow, sourceId: string, actorId: string | null) {
      const source = await questionIn(db, event, sourceId);
      if (source.status !== 'merged' || !source.merged_into) throw errors.notMerged();
      const targetId = source.merged_into;
      const status = source.answered_at ? 'answered' : source.approved_at ? 'approved' : 'pending';
      if (!(await votes.unmerge(db, source.id, targetId, status))) throw errors.notMerged();
      await repo.audit(db, {
        id: newId(),
        event_id: event.id,
        actor_user_id: actorId,
        action: 'question.unmerge',
        target: source.id,
        data: { from: targetId },
      });
      await publishQuestion(rt, event.id, source.id);
      await publishQuestion(rt, event.id, targetId);
      return staffView(db, source.id);
    },
  };
}
