import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/database.js';
import { inTransaction, type Tx } from '../../db/transaction.js';
import type { QuestionStatus } from '../../shared/realtime.js';

/** Sets the question's vote count to `votes` (`votes + 1`, or null when no vote changed) and reads it. */
async function countVote(trx: Tx, questionId: string, votes: RawBuilder<number> | null) {
  if (votes) await trx.updateTable('questions').set({ votes }).where('id', '=', questionId).execute();
  const row = await trx
    .selectFrom('questions')
    .select('votes')
    .where('id', '=', questionId)
    .executeTakeFirstOrThrow();
  return Number(row.votes);
}

/** The SQL of question votes, merging and unmerging (which move votes), and the voters of open participation. */
export const qaVotesRepository = {
  /** One vote per voter per question: the primary key decides, also across nodes and under concurrency. */
  addVote: (db: Db, questionId: string, voterKey: string) =>
    inTransaction(db, async (trx) => {
      const ins = await trx
        .insertInto('question_votes')
        .values({ question_id: questionId, voter_key: voterKey, created_at: Date.now() })
        .onConflict((oc) => oc.columns(['question_id', 'voter_key']).doNothing())
        .executeTakeFirst();
      const added = Number(ins.numInsertedOrUpdatedRows ?? 0n) > 0;
      return { added, votes: await countVote(trx, questionId, added ? sql`votes + 1` : null) };
    }),

  removeVote: (db: Db, questionId: string, voterKey: string) =>
    inTransaction(db, async (trx) => {
      const del = await trx
        .deleteFrom('question_votes')
        .where('question_id', '=', questionId)
        .where('voter_key', '=', voterKey)
        .executeTakeFirst();
      const removed = Number(del.numDeletedRows) > 0;
      return { removed, votes: await countVote(trx, questionId, removed ? sql`votes - 1` : null) };
    }),

  votedBy: async (db: Db, eventId: string, voterKey: string) =>
    (
      await db
        .selectFrom('question_votes')
        .innerJoin('questions', 'questions.id', 'question_votes.question_id')
        .select('question_votes.question_id')
        .where('questions.event_id', '=', eventId)
        .where('question_votes.voter_key', '=', voterKey)
        .execute()
    ).map((r) => r.question_id),

  /**
   * Merges `sourceId` into `targetId`: the source's voters are added to the target (a voter who voted
   * for both counts once), the target's count is recomputed from the votes table, and the source is
   * marked merged — only if it was not merged or merged-into meanwhile.
   */
  merge: (db: Db, sourceId: string, targetId: string) =>
    inTransaction(db, async (trx) => {
      const moved = await trx
        .updateTable('questions')
        .set({ status: 'merged', merged_into: targetId, updated_at: Date.now() })
        .where('id', '=', sourceId)
        .where('status', '!=', 'merged')
        .executeTakeFirst();
      if (Number(moved.numUpdatedRows) === 0) return false;
      const target = await trx
        .selectFrom('questions')
        .select('status')
        .where('id', '=', targetId)
        .executeTakeFirst();
      if (!target || target.status === 'merged' || target.status === 'dismissed') throw new MergeTargetGone();
      await trx
        .insertInto('question_votes')
        .columns(['question_id', 'voter_key', 'created_at', 'merged_from'])
        .expression((eb) =>
          eb
            .selectFrom('question_votes')
            .select([
              sql.lit(targetId).as('question_id'),
              'voter_key',
              'created_at',
              sql.lit(sourceId).as('merged_from'),
            ])
            .where('question_id', '=', sourceId),
        )
        .onConflict((oc) => oc.columns(['question_id', 'voter_key']).doNothing())
        .execute();
      const n = await trx
        .selectFrom('question_votes')
        .select((eb) => eb.fn.countAll<number>().as('n'))
        .where('question_id', '=', targetId)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('questions')
        .set({ votes: Number(n.n), updated_at: Date.now() })
        .where('id', '=', targetId)
        .execute();
      // Questions merged earlier into the source now point at the target.
      await trx
        .updateTable('questions')
        .set({ merged_into: targetId })
        .where('merged_into', '=', sourceId)
        .execute();
      return true;
    }),

  /**
   * Undoes a merge: the votes the merge copied to the target go (a voter who had voted for both keeps
   * both), both counts are recomputed from the votes table and the source gets back the status it had
   * (answered, approved or pending, from its timestamps). Only while it is still merged into `targetId`.
   */
  unmerge: (db: Db, sourceId: string, targetId: string, status: QuestionStatus) =>
    inTransaction(db, async (trx) => {
      const back = await trx
        .updateTable('questions')
        .set({ status, merged_into: null, updated_at: Date.now() })
        .where('id', '=', sourceId)
        .where('status', '=', 'merged')
        .where('merged_into', '=', targetId)
        .executeTakeFirst();
      if (Number(back.numUpdatedRows) === 0) return false;
      await trx
        .deleteFrom('question_votes')
        .where('question_id', '=', targetId)
        .where('merged_from', '=', sourceId)
        .execute();
      for (const id of [sourceId, targetId]) {
        const n = await trx
          .selectFrom('question_votes')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('question_id', '=', id)
          .executeTakeFirstOrThrow();
        await trx
          .updateTable('questions')
          .set({ votes: Number(n.n) })
          .where('id', '=', id)
          .execute();
      }
      return true;
    }),

  // Voters of open participation (no ticket)

  isVoter: async (db: Db, eventId: string, voterId: string) =>
    !!(await db
      .selectFrom('qa_voters')
      .select('voter_id')
      .where('event_id', '=', eventId)
      .where('voter_id', '=', voterId)
      .executeTakeFirst()),

  /**
   * Takes one of the `max` new-voter slots of this address in this minute: one upsert that raises the
   * counter only while it is below `max` (false: none left), so parallel requests cannot overshoot.
   */
  takeVoterSlot: async (db: Db, eventId: string, address: string, minute: number, max: number) =>
    !!(await db
      .insertInto('qa_voter_slots')
      .values({ event_id: eventId, address, minute, n: 1 })
      .onConflict((oc) =>
        oc
          .columns(['event_id', 'address', 'minute'])
          .doUpdateSet({ n: sql`qa_voter_slots.n + 1` })
          .where('qa_voter_slots.n', '<', max),
      )
      .returning('n')
      .executeTakeFirst()),

  addVoter: (db: Db, eventId: string, voterId: string, address: string) =>
    db
      .insertInto('qa_voters')
      .values({ event_id: eventId, voter_id: voterId, address, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['event_id', 'voter_id']).doNothing())
      .execute(),
};

export class MergeTargetGone extends Error {}
