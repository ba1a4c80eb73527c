import { sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
import type { PollAnswersTable } from './qa.poll-kinds.tables.js';
import { AlreadyVoted } from './qa.repository.js';

type AnswerStatus = PollAnswersTable['status'];

/** The SQL of word clouds and open answers (choice and rating ballots stay in qa.repository.ts). */
export const pollKindsRepository = {
  /**
   * One answer per person per poll, counted only while the poll is open: the ballot row (its primary
   * key is the one-per-person rule), the voters count and the words or the answer move together.
   */
  castTextBallot: (
    db: Db,
    pollId: string,
    voterKey: string,
    given: { words: string[] } | { answer: { id: string; text: string; status: AnswerStatus } },
  ) =>
    inTransaction(db, async (trx) => {
      // The count after this answer: its place in commit order (the row stays locked until commit).
      const open = await trx
        .updateTable('polls')
        .set({ voters: sql`voters + 1` })
        .where('id', '=', pollId)
        .where('status', '=', 'open')
        .returning('voters')
        .executeTakeFirst();
      if (!open) return 'closed' as const;
      const now = Date.now();
      const ins = await trx
        .insertInto('poll_ballots')
        .values({
          poll_id: pollId,
          voter_key: voterKey,
          option_ids: JSON.stringify('words' in given ? given.words : [given.answer.text]),
          created_at: now,
        })
        .onConflict((oc) => oc.columns(['poll_id', 'voter_key']).doNothing())
        .executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AlreadyVoted();
      if ('words' in given) {
        for (const word of given.words) {
          await trx
            .insertInto('poll_words')
            .values({ poll_id: pollId, word, count: 1 })
            .onConflict((oc) =>
              oc.columns(['poll_id', 'word']).doUpdateSet({ count: sql`poll_words.count + 1` }),
            )
            .execute();
        }
      } else {
        await trx
          .insertInto('poll_answers')
          .values({ ...given.answer, poll_id: pollId, voter_key: voterKey, created_at: now })
          .execute();
      }
      return { voters: Number(open.voters) };
    }),

  /** A poll's most given words, most first (ties alphabetically, so every node draws the same cloud). */
  topWords: (db: Db, pollId: string, limit: number) =>
    db
      .selectFrom('poll_words')
      .select(['word', 'count'])
      .where('poll_id', '=', pollId)
      .orderBy('count', 'desc')
      .orderBy('word')
      .limit(limit)
      .execute(),

  answers: (db: Db, pollIds: string[], statuses?: AnswerStatus[]) =>
    pollIds.length
      ? db
          .selectFrom('poll_answers')
          .select(['id', 'poll_id', 'text', 'status', 'created_at'])
          .where('poll_id', 'in', pollIds)
          .$if(!!statuses, (q) => q.where('status', 'in', statuses!))
          .orderBy('created_at')
          .orderBy('id')
          .execute()
      : Promise.resolve([]),

  findAnswer: (db: Db, id: string) =>
    db
      .selectFrom('poll_answers')
      .innerJoin('polls', 'polls.id', 'poll_answers.poll_id')
      .select([
        'poll_answers.id',
        'poll_answers.poll_id',
        'poll_answers.text',
        'poll_answers.status',
        'polls.event_id',
      ])
      .where('poll_answers.id', '=', id)
      .executeTakeFirst(),

  pollHead: (db: Db, id: string) =>
    db.selectFrom('polls').select(['event_id', 'voters', 'status']).where('id', '=', id).executeTakeFirst(),

  setAnswerStatus: (db: Db, id: string, status: AnswerStatus) =>
    db.updateTable('poll_answers').set({ status }).where('id', '=', id).executeTakeFirst(),
};
