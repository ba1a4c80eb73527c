import type { Db } from '../../db/database.js';

/** What Q&A keeps about a ticket holder: questions asked, votes and poll answers under the ticket's voter key. */
export const qaPersonalRepository = {
  async copy(db: Db, eventId: string, registrationId: string) {
    const key = `t:${registrationId}`;
    const questions = await db
      .selectFrom('questions')
      .select(['text', 'author_name', 'anonymous', 'channel', 'status', 'created_at'])
      .where('event_id', '=', eventId)
      .where('registration_id', '=', registrationId)
      .execute();
    const votes = await db
      .selectFrom('question_votes')
      .innerJoin('questions', 'questions.id', 'question_votes.question_id')
      .select(['questions.text as question', 'question_votes.created_at'])
      .where('questions.event_id', '=', eventId)
      .where('question_votes.voter_key', '=', key)
      .execute();
    const ballots = await db
      .selectFrom('poll_ballots')
      .innerJoin('polls', 'polls.id', 'poll_ballots.poll_id')
      .select(['polls.question as poll', 'poll_ballots.option_ids', 'poll_ballots.created_at'])
      .where('polls.event_id', '=', eventId)
      .where('poll_ballots.voter_key', '=', key)
      .execute();
    const answers = await db
      .selectFrom('poll_answers')
      .innerJoin('polls', 'polls.id', 'poll_answers.poll_id')
      .select(['polls.question as poll', 'poll_answers.text', 'poll_answers.created_at'])
      .where('polls.event_id', '=', eventId)
      .where('poll_answers.voter_key', '=', key)
      .execute();
    return { questions, votes, pollBallots: ballots, pollAnswers: answers };
  },

  /** The questions stay (the moderation and the report count them) without the asker's name. */
  forgetAuthors: (db: Db, eventId: string, registrationIds: string[]) =>
    db
      .updateTable('questions')
      .set({ author_name: null })
      .where('event_id', '=', eventId)
      .where('registration_id', 'in', registrationIds)
      .execute(),
};
