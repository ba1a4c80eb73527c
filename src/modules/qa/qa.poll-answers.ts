import type { Db } from '../../db/database.js';
import { errors, what } from '../../errors.js';
import type { Realtime } from '../../realtime/realtime.js';
import { newId } from '../../shared/ids.js';
import type { EventRow } from '../events/index.js';
import { isTextKind, KIND_POLL_WORDS, publishAnswer, wordsOf, wrongField } from './qa.poll-kinds.js';
import { pollKindsRepository as kinds } from './qa.poll-kinds.repository.js';
import { KIND_POLL_VOTES } from './qa.render.js';
import { AlreadyVoted, qaRepository as repo } from './qa.repository.js';
import type { PollAnswerInput } from './qa.schemas.js';
import type { Voter } from './qa.voter.js';

/** What a ballot says back: counted or not, and what this participant answered (options, words or text). */
interface Ballot {
  pollId: string;
  counted: boolean;
  optionIds: string[];
  /** Word clouds: the voters count this answer made (its place in the coalesced updates; not sent to clients). */
  voters?: number;
}

/**
 * Answering a poll, whatever its kind (one answer per participant), and moderating open answers.
 * Part of the poll service (qa.polls.service.ts).
 */
export function answerVoice(db: Db, rt: Realtime) {
  const mine = async (pollId: string, voter: Voter) => {
    const b = await repo.ballotOf(db, [pollId], voter.key);
    return b[0] ? (JSON.parse(b[0].option_ids) as string[]) : [];
  };

  async function choose(pollId: string, kind: 'single' | 'multiple' | 'rating', voter: Voter, ids: string[]) {
    const options = await repo.pollOptions(db, [pollId]);
    const known = new Set(options.map((o) => o.id));
    if (ids.some((id) => !known.has(id)) || (kind === 'single' && ids.length !== 1)) {
      throw errors.validation({
        id:
          kind === 'single'
            ? 'optionIds: pilih tepat satu pilihan dari jajak pendapat ini.'
            : 'optionIds: pilih dari pilihan jajak pendapat ini.',
        en:
          kind === 'single'
            ? 'optionIds: choose exactly one option of this poll.'
            : 'optionIds: choose among the options of this poll.',
      });
    }
    const r = await repo.castBallot(db, pollId, voter.key, ids);
    if (r === 'closed') throw errors.pollNotOpen();
  }

  return {
    async votePoll(
      pollId: string,
      voter: Voter,
      input: Omit<PollAnswerInput, 'ticketCode'>,
    ): Promise<Ballot> {
      const p = await repo.findPoll(db, pollId);
      if (!p || p.status === 'draft') throw errors.notFound(what.poll);
      if (p.status !== 'open') throw errors.pollNotOpen();
      const sent = input.optionIds ? 'optionIds' : input.text !== undefined ? 'text' : 'rating';
      let coalesce = KIND_POLL_VOTES;
      let voters: number | undefined;
      try {
        if (p.kind === 'rating') {
          if (input.rating === undefined) wrongField(p.kind, sent);
          const options = await repo.pollOptions(db, [p.id]);
          await choose(p.id, 'rating', voter, [options[input.rating - 1]!.id]);
        } else if (isTextKind(p.kind)) {
          if (input.text === undefined) wrongField(p.kind, sent);
          if (p.kind === 'wordcloud') {
            coalesce = KIND_POLL_WORDS;
            const r = await kinds.castTextBallot(db, p.id, voter.key, { words: wordsOf(input.text) });
            if (r === 'closed') throw errors.pollNotOpen();
            voters = r.voters;
          } else {
            const answer = { id: newId(), text: input.text, status: 'pending' as const };
            const r = await kinds.castTextBallot(db, p.id, voter.key, { answer });
            if (r === 'closed') throw errors.pollNotOpen();
            await publishAnswer(rt, p.event_id, p.id, answer, false);
          }
        } else {
          if (!input.optionIds) wrongField(p.kind, sent);
          await choose(p.id, p.kind, voter, [...new Set(input.optionIds)]);
        }
      } catch (err) {
        if (err instanceof AlreadyVoted)
          return { pollId: p.id, counted: false, optionIds: await mine(p.id, voter) };
        throw err;
      }
      rt.touch(coalesce, p.event_id, p.id);
      return { pollId: p.id, counted: true, optionIds: await mine(p.id, voter), voters };
    },

    /** Which event an open answer belongs to (for the access check), or not found. */
    async answerEvent(answerId: string): Promise<string> {
      const a = await kinds.findAnswer(db, answerId);
      if (!a) throw errors.notFound(what.pollAnswer);
      return a.event_id;
    },

    /** A moderator approves an open answer (participants see it) or dismisses it (they no longer do). */
    async moderateAnswer(event: EventRow, answerId: string, status: 'approved' | 'dismissed') {
      const a = await kinds.findAnswer(db, answerId);
      if (!a || a.event_id !== event.id) throw errors.notFound(what.pollAnswer);
      if (a.status !== status) {
        await kinds.setAnswerStatus(db, a.id, status);
        await publishAnswer(
          rt,
          event.id,
          a.poll_id,
          { id: a.id, text: a.text, status },
          a.status === 'approved',
        );
      }
      return { id: a.id, text: a.text, status };
    },
  };
}
