/** A word-cloud word and how many people gave it (kept in the ballot's transaction). */
interface PollWordsTable {
  poll_id: string;
  word: string;
  count: number;
}

/** An open poll's answer: one per person, shown to participants once a moderator approves it. */
export interface PollAnswersTable {
  id: string;
  poll_id: string;
  voter_key: string;
  text: string;
  status: 'pending' | 'approved' | 'dismissed';
  created_at: number;
}

export interface PollKindTables {
  poll_words: PollWordsTable;
  poll_answers: PollAnswersTable;
}
