import type { Insertable, Selectable, Updateable } from 'kysely';
import { sql } from 'kysely';
import { writeAudit } from '../../db/audit.js';
import type { Db } from '../../db/database.js';
import { inTransaction } from '../../db/transaction.js';
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

/** All SQL of questions, votes and polls. */
export const qaRepository = {
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
