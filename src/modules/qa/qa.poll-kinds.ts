import type { Db } from '../../db/database.js';
import { errors } from '../../errors.js';
import { parseOrThrow } from '../../http/validation.js';
import type { Realtime, Rendered } from '../../realtime/realtime.js';
import type { LiveRole, PollAnswerDto, PollDto, PollKind } from '../../shared/realtime.js';
import { LIMITS } from '../../shared/realtime.js';
import { pollKindsRepository as kinds } from './qa.poll-kinds.repository.js';
import { type PollExtra, presentPoll } from './qa.presenter.js';
import type { PollOptionRow, PollRow } from './qa.repository.js';
import { PollVoteBody } from './qa.schemas.js';

// Word clouds, open questions and ratings beside the choice polls: what an answer may be, how the
// room sees them (open answers only once approved), and the coalesced word counts.

export const KIND_POLL_WORDS = 'pw';
/** How many words a cloud shows: enough for a hall's answers, few enough to stay readable. */
const CLOUD_WORDS = 60;

export const isTextKind = (k: PollKind) => k === 'wordcloud' || k === 'open';

/**
 * A word-cloud answer as counted: one to three words, lower case (Indonesian rules), spaces and the
 * punctuation around words dropped, each word once. Anything else is refused, naming `text`.
 */
export function wordsOf(text: string): string[] {
  const words = [
    ...new Set(
      text
        .normalize('NFC')
        .toLocaleLowerCase('id')
        .split(/[\s,;]+/u)
        .map((w) => w.replace(/^\p{P}+|\p{P}+$/gu, ''))
        .filter(Boolean),
    ),
  ];
  if (!words.length)
    throw errors.validation({
      id: 'text: tulis satu sampai tiga kata.',
      en: 'text: write one to three words.',
    });
  if (words.length > LIMITS.wordsPerAnswer)
    throw errors.validation({
      id: `text: paling banyak ${LIMITS.wordsPerAnswer} kata.`,
      en: `text: at most ${LIMITS.wordsPerAnswer} words.`,
    });
  if (words.some((w) => [...w].length > LIMITS.wordMax))
    throw errors.validation({
      id: `text: kata terlalu panjang (maks. ${LIMITS.wordMax} huruf).`,
      en: `text: a word is too long (max ${LIMITS.wordMax} characters).`,
    });
  return words;
}

/** The answer field this kind takes, refused by name when another one is sent. */
export function wrongField(kind: PollKind, sent: 'optionIds' | 'text' | 'rating'): never {
  const wanted = kind === 'rating' ? 'rating' : isTextKind(kind) ? 'text' : 'optionIds';
  throw errors.validation({
    id: `${sent}: jajak pendapat ini (${kind}) dijawab dengan ${wanted}.`,
    en: `${sent}: this poll (${kind}) is answered with ${wanted}.`,
  });
}

/** Word clouds' words and open polls' answers (public: approved only) for these polls. */
async function extrasOf(db: Db, polls: PollRow[], role: LiveRole): Promise<Map<string, PollExtra>> {
  const out = new Map<string, PollExtra>();
  const open = polls.filter((p) => p.kind === 'open').map((p) => p.id);
  const answers = await kinds.answers(db, open, role === 'staff' ? undefined : ['approved']);
  for (const p of polls) {
    if (p.kind === 'wordcloud') {
      const words = await kinds.topWords(db, p.id, CLOUD_WORDS);
      out.set(p.id, { words: words.map((w) => ({ text: w.word, count: Number(w.count) })), answers: [] });
    } else if (p.kind === 'open') {
      out.set(p.id, {
        words: [],
        answers: answers
          .filter((a) => a.poll_id === p.id)
          .map(({ id, text, status }) => ({ id, text, status })),
      });
    }
  }
  return out;
}

/** Polls as a reader of `role` sees them, kinds' extras included. */
export async function presentPolls(
  db: Db,
  polls: PollRow[],
  options: PollOptionRow[],
  role: LiveRole,
): Promise<PollDto[]> {
  const extras = await extrasOf(db, polls, role);
  return polls.map((p) => presentPoll(p, options, extras.get(p.id)));
}

/** A poll for the room: participants never see drafts, nor open answers a moderator has not approved. */
export async function renderPollRow(db: Db, p: PollRow, options: PollOptionRow[]): Promise<Rendered> {
  const [staff] = await presentPolls(db, [p], options, 'staff');
  if (p.status === 'draft') return { staff: { t: 'poll', d: staff! }, pub: null };
  if (p.kind !== 'open') return { staff: { t: 'poll', d: staff! }, pub: 'same' };
  const [pub] = await presentPolls(db, [p], options, 'public');
  return { staff: { t: 'poll', d: staff! }, pub: { t: 'poll', d: pub! } };
}

/** An open answer appeared or changed: staff see it all; participants an approval, or the approval withdrawn. */
export const publishAnswer = (
  rt: Realtime,
  eventId: string,
  pollId: string,
  answer: PollAnswerDto,
  wasPublic: boolean,
) =>
  rt.publish(eventId, async () => ({
    staff: { t: 'poll.answer', d: { pollId, answer } },
    pub:
      answer.status === 'approved'
        ? 'same'
        : wasPublic
          ? { t: 'poll.answer', d: { pollId, answer: { ...answer, text: '' } } }
          : null,
  }));

/** Word-cloud answers are churn like votes: one update per room per interval with the clouds that changed. */
export function defineWordCoalescing(rt: Realtime): void {
  rt.defineCoalesced(KIND_POLL_WORDS, async (trx, eventId, ids) => {
    const d: Record<string, { words: { text: string; count: number }[]; voters: number }> = {};
    for (const id of ids) {
      const [words, voters] = await Promise.all([kinds.topWords(trx, id, CLOUD_WORDS), pollVoters(trx, id)]);
      if (voters === null || voters.eventId !== eventId) continue;
      d[id] = { words: words.map((w) => ({ text: w.word, count: Number(w.count) })), voters: voters.n };
    }
    return Object.keys(d).length ? { staff: { t: 'poll.words', d }, pub: 'same' } : null;
  });
}

async function pollVoters(db: Db, id: string) {
  const p = await kinds.pollHead(db, id);
  return p ? { eventId: p.event_id, n: Number(p.voters) } : null;
}

/** A poll form's answer for the newer kinds (the page without JavaScript), checked like the API's. */
export function pollFormAnswer(f: { text?: string; rating?: string }) {
  if (f.text !== undefined) return parseOrThrow(PollVoteBody, { text: f.text });
  if (f.rating !== undefined) return parseOrThrow(PollVoteBody, { rating: Number(f.rating) });
  return null;
}
