import type { Channel, PollKind, PollStatus, QuestionStatus } from '../../shared/realtime.js';

export interface QuestionsTable {
  id: string;
  event_id: string;
  channel: Channel;
  text: string;
  /** Null when anonymous: an anonymous question keeps no name at all. */
  author_name: string | null;
  anonymous: number;
  registration_id: string | null;
  /** Who asked, as a voter key (`t:<registration id>` or `c:<browser id>`): per-participant rate limits. */
  author_key: string;
  status: QuestionStatus;
  speaker_id: string | null;
  merged_into: string | null;
  /** Kept equal to the number of rows in question_votes, in the same transaction. */
  votes: number;
  created_at: number;
  updated_at: number;
  approved_at: number | null;
  answered_at: number | null;
}

interface QuestionVotesTable {
  question_id: string;
  voter_key: string;
  created_at: number;
  /** Set on a vote a merge copied here from that question: an unmerge takes exactly these back. */
  merged_from: string | null;
}

/** Voters issued by the live page of an event with open participation (no ticket), with the asking address. */
interface QaVotersTable {
  event_id: string;
  voter_id: string;
  address: string;
  created_at: number;
}

/** New voters issued per (event, address, minute): the cap is one conditional upsert on this counter. */
interface QaVoterSlotsTable {
  event_id: string;
  address: string;
  minute: number;
  n: number;
}

export interface PollsTable {
  id: string;
  event_id: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  voters: number;
  created_at: number;
  opened_at: number | null;
  closed_at: number | null;
}

export interface PollOptionsTable {
  id: string;
  poll_id: string;
  position: number;
  label: string;
  votes: number;
}

interface PollBallotsTable {
  poll_id: string;
  voter_key: string;
  /** JSON array of the chosen option ids. */
  option_ids: string;
  created_at: number;
}

export interface QaTables {
  questions: QuestionsTable;
  question_votes: QuestionVotesTable;
  polls: PollsTable;
  poll_options: PollOptionsTable;
  poll_ballots: PollBallotsTable;
  qa_voters: QaVotersTable;
  qa_voter_slots: QaVoterSlotsTable;
}
