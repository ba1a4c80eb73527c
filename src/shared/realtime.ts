/**
 * The live room's message map, shared by the server (src/realtime, src/modules/qa, src/modules/live) and
 * the browser islands (client/live.ts, projector, overlay, moderate). Every server message carries the
 * event's sequence number `s`: a client keeps the highest it has applied, ignores anything not newer
 * (so a replayed or duplicated update never shows twice) and resumes from it after a reconnect.
 * Times are ISO 8601 strings with the event's offset.
 */
export type Channel = 'onsite' | 'online';
export type QuestionStatus = 'pending' | 'approved' | 'answered' | 'dismissed' | 'merged';
export type PollKind = 'single' | 'multiple' | 'wordcloud' | 'open' | 'rating';
export type PollStatus = 'draft' | 'open' | 'closed';
export type LiveRole = 'public' | 'staff';

export interface QuestionDto {
  id: string;
  text: string;
  channel: Channel;
  /** Null for anonymous questions: the name is not stored, so not even staff see it. */
  author: string | null;
  status: QuestionStatus;
  speaker: { id: string; name: string } | null;
  votes: number;
  createdAt: string;
  /** Set on merged questions: the one their votes went to. */
  mergedInto: string | null;
  onScreen: boolean;
}

interface StagePerson {
  id: string;
  fullName: string;
  position: string | null;
  institution: string | null;
  presence: 'onsite' | 'online';
}

export interface StageItem {
  id: string;
  kind: string;
  title: string;
  startsAt: string;
  people: StagePerson[];
}

export interface StageDto {
  now: StageItem | null;
  next: StageItem | null;
  /** When the current item was put on stage, and when its timer runs out (null: no timer). */
  startedAt: string | null;
  endsAt: string | null;
  serverTime: string;
}

interface PollOptionDto {
  id: string;
  label: string;
  votes: number;
}

export interface PollDto {
  id: string;
  question: string;
  kind: PollKind;
  status: PollStatus;
  options: PollOptionDto[];
  voters: number;
  /** Word clouds: the most given words, most first. Empty for other kinds. */
  words: { text: string; count: number }[];
  /** Open polls: answers (participants see approved ones; staff all, with their status). */
  answers: PollAnswerDto[];
  /** Rating polls (1–5): null for other kinds; distribution[i] counts the rating i + 1. */
  rating: { average: number | null; count: number; distribution: number[] } | null;
}

export interface PollAnswerDto {
  id: string;
  text: string;
  status: 'pending' | 'approved' | 'dismissed';
}

/** One line of the live captions (typed or recognised at the caption desk). */
export interface CaptionDto {
  id: string;
  text: string;
  at: string;
  /** Set when a moderator corrected the line. */
  edited: boolean;
}

export interface ScreenDto {
  question: QuestionDto | null;
  pollId: string | null;
}

export interface SettingsDto {
  /** pre: new questions wait for a moderator; auto: they appear at once. */
  moderation: 'pre' | 'auto';
  qaOpen: boolean;
  /** Votes without a ticket allowed (a voter cookie from the live page): results say so. */
  openVoting: boolean;
}

export interface SnapshotDto {
  questions: QuestionDto[];
  stage: StageDto;
  polls: PollDto[];
  screen: ScreenDto;
  settings: SettingsDto;
  /** The last caption lines, oldest first (absent from servers that keep no captions). */
  captions?: CaptionDto[];
}

export interface ServerMessages {
  /** The whole room at sequence `s` (first connect, or too far behind to replay). */
  snapshot: SnapshotDto;
  /** A question appeared or changed. */
  q: QuestionDto;
  /** A question left the participants' view (dismissed or merged). */
  'q.remove': { id: string };
  /** Coalesced vote counts: question id → votes. */
  votes: Record<string, number>;
  stage: StageDto;
  poll: PollDto;
  'poll.remove': { id: string };
  /** Coalesced poll results: poll id → option counts and voters. */
  'poll.votes': Record<string, { options: Record<string, number>; voters: number }>;
  screen: ScreenDto;
  settings: SettingsDto;
  /** Coalesced word clouds: poll id → the top words and voters. */
  'poll.words': Record<string, { words: { text: string; count: number }[]; voters: number }>;
  /** An open poll's answer appeared, was approved or dismissed (participants get approved ones only). */
  'poll.answer': { pollId: string; answer: PollAnswerDto };
  /** A new caption line, or the last one corrected (same id). */
  caption: CaptionDto;
  /**
   * The coalesced counts of one window when more than one kind changed (question votes, poll results,
   * word clouds): one broadcast instead of one per kind. Applied part by part, under the batch's number.
   */
  batch: CoalescedMessage[];
}

/** What a coalescing window may carry (inside a `batch` when several kinds changed at once). */
export type CoalescedMessage =
  | { t: 'votes'; d: ServerMessages['votes'] }
  | { t: 'poll.votes'; d: ServerMessages['poll.votes'] }
  | { t: 'poll.words'; d: ServerMessages['poll.words'] };

export type ServerMessageType = keyof ServerMessages;
export type ServerMessage = {
  [K in ServerMessageType]: { s: number; t: K; d: ServerMessages[K] };
}[ServerMessageType];

/** The polling fallback's answer: the messages after `since`, or a snapshot message when too far behind. */
export interface UpdatesDto {
  seq: number;
  messages: ServerMessage[];
}

/** Close codes the server uses, so the client knows whether to retry. */
export const CLOSE_NOT_ALLOWED = 4403;
export const CLOSE_SLOW = 4408;

export const LIMITS = {
  questionMin: 3,
  questionMax: 500,
  authorMax: 80,
  pollQuestionMax: 200,
  pollOptionMax: 100,
  pollOptionsMin: 2,
  pollOptionsMax: 10,
  /** A word-cloud answer: one to three words, each this long at most. */
  wordMax: 30,
  wordsPerAnswer: 3,
  openAnswerMax: 280,
  captionMax: 500,
} as const;
