import type { Insertable, Selectable, Updateable } from 'kysely';
import { type RawBuilder, sql } from 'kysely';
import { writeAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';
import { inTransaction, type Tx } from '../../db/transaction.js';
import type { QuestionStatus } from '../../shared/realtime.js';
import type { PollOptionsTable, PollsTable, QuestionsTable } from './qa.tables.js';

type QuestionRow = Selectable<QuestionsTable>;
export type PollRow = Selectable<PollsTable>;
export type PollOptionRow = Selectable<PollOptionsTable>;
export type QuestionWithSpeaker = QuestionRow & {
  sp_front: string | null;
  sp_name: string | null;
  sp_back: string | null;
};

const VISIBLE: QuestionStatus[] = ['approved', 'answered'];

function withSpeaker(db: Db) {
  return db
    .selectFrom('questions')
    .leftJoin('people', 'people.id', 'questions.speaker_id')
    .selectAll('questions')
    .select(['people.front_titles as sp_front', 'people.name as sp_name', 'people.back_titles as sp_back']);
}

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

/** All SQL of questions, votes and polls. */
export const qaRepository = {
  /** UU PDP erasure: the question stays (it belongs to the seminar's record), the asker's name goes. */
  forgetAuthors: (db: Db, registrationIds: string[]) =>
    registrationIds.length
      ? db
          .updateTable('questions')
          .set({ author_name: null })
          .where('registration_id', 'in', registrationIds)
          .execute()
      : Promise.resolve([]),
  eventZone: async (db: Db, eventId: string) =>
    (await db.selectFrom('events').select('timezone').where('id', '=', eventId).executeTakeFirst())
      ?.timezone ?? 'Asia/Jakarta',

  audit: writeAudit,

  findTicket: (db: Db, eventId: string, ticketCode: string) =>
    db
      .selectFrom('registrations')
      .select(['id', 'name', 'front_titles', 'back_titles', 'mode', 'status'])
      .where('event_id', '=', eventId)
      .where('ticket_code', '=', ticketCode)
      .executeTakeFirst(),

  findPerson: (db: Db, eventId: string, id: string) =>
    db
      .selectFrom('people')
      .select(['id', 'front_titles', 'name', 'back_titles'])
      .where('event_id', '=', eventId)
      .where('id', '=', id)
      .executeTakeFirst(),

  listSpeakers: (db: Db, eventId: string) =>
    db
      .selectFrom('people')
      .select(['id', 'front_titles', 'name', 'back_titles'])
      .where('event_id', '=', eventId)
      .where('role', '=', 'speaker')
      .orderBy('sort')
      .orderBy('created_at')
      .execute(),

  liveSettings: async (db: Db, eventId: string) => {
    const row = await db
      .selectFrom('live_state')
      .select(['moderation', 'qa_open', 'open_voting', 'screen_question_id', 'screen_poll_id'])
      .where('event_id', '=', eventId)
      .executeTakeFirst();
    return (
      row ?? {
        moderation: 'pre' as const,
        qa_open: 1,
        open_voting: 0,
        screen_question_id: null,
        screen_poll_id: null,
      }
    );
  },

  setScreen: (
    db: Db,
    eventId: string,
    patch: { screen_question_id?: string | null; screen_poll_id?: string | null },
  ) =>
    db
      .updateTable('live_state')
      .set({ ...patch, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .execute(),

  /** Clears the screen only if it still shows this question (a conditional update, safe under races). */
  clearScreenIf: (db: Db, eventId: string, questionId: string) =>
    db
      .updateTable('live_state')
      .set({ screen_question_id: null, updated_at: Date.now() })
      .where('event_id', '=', eventId)
      .where('screen_question_id', '=', questionId)
      .executeTakeFirst(),

  insertQuestion: (db: Db, row: Insertable<QuestionsTable>) =>
    db.insertInto('questions').values(row).execute(),

  findQuestion: (db: Db, id: string) => withSpeaker(db).where('questions.id', '=', id).executeTakeFirst(),

  /** The same author sending the same text again (a retry on a flaky connection) gets the first one back. */
  findDuplicate: (db: Db, eventId: string, authorKey: string, text: string) =>
    db
      .selectFrom('questions')
      .select('id')
      .where('event_id', '=', eventId)
      .where('author_key', '=', authorKey)
      .where('text', '=', text)
      .executeTakeFirst(),

  countByAuthorSince: async (db: Db, eventId: string, authorKey: string, since: number) =>
    Number(
      (
        await db
          .selectFrom('questions')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .where('author_key', '=', authorKey)
          .where('created_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  listQuestions: (
    db: Db,
    eventId: string,
    opts: { statuses?: QuestionStatus[]; channel?: string; speakerId?: string; limit?: number },
  ) =>
    withSpeaker(db)
      .where('questions.event_id', '=', eventId)
      .$if(!!opts.statuses, (q) => q.where('questions.status', 'in', opts.statuses!))
      .$if(!!opts.channel, (q) => q.where('questions.channel', '=', opts.channel as 'onsite' | 'online'))
      .$if(!!opts.speakerId, (q) => q.where('questions.speaker_id', '=', opts.speakerId!))
      .orderBy('questions.created_at', 'desc')
      .limit(opts.limit ?? 1000)
      .execute(),

  /** Moves a question to `status` only if it is still in one of `from`: concurrent moderators cannot undo a merge. */
  updateQuestion: (db: Db, id: string, patch: Updateable<QuestionsTable>, from?: QuestionStatus[]) =>
    db
      .updateTable('questions')
      .set({ ...patch, updated_at: Date.now() })
      .where('id', '=', id)
      .$if(!!from, (q) => q.where('status', 'in', from!))
      .executeTakeFirst(),

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

  newVotersSince: async (db: Db, eventId: string, address: string, since: number) =>
    Number(
      (
        await db
          .selectFrom('qa_voters')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('event_id', '=', eventId)
          .where('address', '=', address)
          .where('created_at', '>=', since)
          .executeTakeFirstOrThrow()
      ).n,
    ),

  addVoter: (db: Db, eventId: string, voterId: string, address: string) =>
    db
      .insertInto('qa_voters')
      .values({ event_id: eventId, voter_id: voterId, address, created_at: Date.now() })
      .onConflict((oc) => oc.columns(['event_id', 'voter_id']).doNothing())
      .execute(),

  votesOf: (db: Db, ids: string[]) =>
    ids.length
      ? db.selectFrom('questions').select(['id', 'votes', 'status']).where('id', 'in', ids).execute()
      : Promise.resolve([]),

  questionStats: async (db: Db, eventId: string) => {
    const rows = await db
      .selectFrom('questions')
      .select(['channel', 'status', (eb) => eb.fn.countAll<number>().as('n')])
      .where('event_id', '=', eventId)
      .where('status', '!=', 'dismissed')
      .groupBy(['channel', 'status'])
      .execute();
    // A merged question was still asked, from its side of the room: the hall and online counts keep it
    // (merging the only online question into a hall one once made the report say "0 online").
    const out = { total: 0, onsite: 0, online: 0, answered: 0 };
    for (const r of rows) {
      const n = Number(r.n);
      out.total += n;
      out[r.channel] += n;
      if (r.status === 'answered') out.answered += n;
    }
    return out;
  },

  visibleForReport: (db: Db, eventId: string) =>
    withSpeaker(db)
      .where('questions.event_id', '=', eventId)
      .where('questions.status', 'in', VISIBLE)
      .orderBy('questions.created_at')
      .execute(),

  // Polls

  insertPoll: (db: Db, poll: Insertable<PollsTable>, options: Insertable<PollOptionsTable>[]) =>
    inTransaction(db, async (trx) => {
      await trx.insertInto('polls').values(poll).execute();
      // Word clouds and open polls have no options.
      if (options.length) await trx.insertInto('poll_options').values(options).execute();
    }),

  findPoll: (db: Db, id: string) =>
    db.selectFrom('polls').selectAll().where('id', '=', id).executeTakeFirst(),

  listPolls: (db: Db, eventId: string, opts: { includeDrafts: boolean; ids?: string[] }) =>
    db
      .selectFrom('polls')
      .selectAll()
      .where('event_id', '=', eventId)
      .$if(!opts.includeDrafts, (q) => q.where('status', '!=', 'draft'))
      .$if(!!opts.ids, (q) => q.where('id', 'in', opts.ids!.length ? opts.ids! : ['']))
      .orderBy('created_at')
      .execute(),

  pollOptions: (db: Db, pollIds: string[]) =>
    pollIds.length
      ? db
          .selectFrom('poll_options')
          .selectAll()
          .where('poll_id', 'in', pollIds)
          .orderBy('position')
          .execute()
      : Promise.resolve([] as PollOptionRow[]),

  updatePoll: (db: Db, id: string, patch: Updateable<PollsTable>, fromStatus?: string[]) =>
    db
      .updateTable('polls')
      .set(patch)
      .where('id', '=', id)
      .$if(!!fromStatus, (q) => q.where('status', 'in', fromStatus as PollRow['status'][]))
      .executeTakeFirst(),

  replaceOptions: (db: Db, pollId: string, options: Insertable<PollOptionsTable>[]) =>
    inTransaction(db, async (trx) => {
      await trx.deleteFrom('poll_options').where('poll_id', '=', pollId).execute();
      await trx.insertInto('poll_options').values(options).execute();
    }),

  deletePoll: (db: Db, id: string) => db.deleteFrom('polls').where('id', '=', id).execute(),

  /**
   * One ballot per voter per poll (primary key), counted only while the poll is open: the option
   * counts move in the same transaction as the ballot.
   */
  castBallot: (db: Db, pollId: string, voterKey: string, optionIds: string[]) =>
    inTransaction(db, async (trx) => {
      const open = await trx
        .updateTable('polls')
        .set({ voters: sql`voters + 1` })
        .where('id', '=', pollId)
        .where('status', '=', 'open')
        .executeTakeFirst();
      if (Number(open.numUpdatedRows) === 0) return 'closed' as const;
      const ins = await trx
        .insertInto('poll_ballots')
        .values({
          poll_id: pollId,
          voter_key: voterKey,
          option_ids: JSON.stringify(optionIds),
          created_at: Date.now(),
        })
        .onConflict((oc) => oc.columns(['poll_id', 'voter_key']).doNothing())
        .executeTakeFirst();
      if (Number(ins.numInsertedOrUpdatedRows ?? 0n) === 0) throw new AlreadyVoted();
      await trx
        .updateTable('poll_options')
        .set({ votes: sql`votes + 1` })
        .where('poll_id', '=', pollId)
        .where('id', 'in', optionIds)
        .execute();
      return 'counted' as const;
    }),

  ballotOf: (db: Db, pollIds: string[], voterKey: string) =>
    pollIds.length
      ? db
          .selectFrom('poll_ballots')
          .select(['poll_id', 'option_ids'])
          .where('poll_id', 'in', pollIds)
          .where('voter_key', '=', voterKey)
          .execute()
      : Promise.resolve([]),
};

/** Thrown inside a transaction to roll it back (the voters count) when the ballot already exists. */
export class AlreadyVoted extends Error {}
export class MergeTargetGone extends Error {}
